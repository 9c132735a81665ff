package com.abacus.accounts;

import com.abacus.shared.AccountId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A customer account's billing profile. Billing periods are computed in {@link #timeZone()}. An account created on a
 * test clock ({@code testClockId}) lives on that clock's time until the clock is deleted with it.
 */
public record Account(
        AccountId id,
        String email,
        String name,
        Currency currency,
        ZoneId timeZone,
        String country,
        Instant createdAt,
        boolean erased,
        @Nullable UUID testClockId) {}
