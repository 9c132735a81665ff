package com.abacus.accounts;

import com.abacus.shared.AccountId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;

/** A customer account's billing profile. Billing periods are computed in {@link #timeZone()}. */
public record Account(
        AccountId id,
        String email,
        String name,
        Currency currency,
        ZoneId timeZone,
        String country,
        Instant createdAt,
        boolean erased) {}
