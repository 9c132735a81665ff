package com.abacus.subscriptions;

import com.abacus.shared.AccountId;
import com.abacus.shared.ChargeReference;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.events.Externalized;

/**
 * A subscription started (paid now, or trialing with no charge yet). Invoicing issues the first invoice for paid starts.
 * {@code anchor} and {@code timeZone} fix its billing calendar (see {@link BillingPeriods}); {@code testClockId} is the
 * test clock its account lives on (null for a real account).
 */
@Externalized("abacus.subscriptions::#{#this.accountId().toString()}")
public record SubscriptionActivated(
        SubscriptionId subscriptionId,
        AccountId accountId,
        String product,
        String planCode,
        int catalogVersion,
        String currency,
        List<ChargeLine> lines,
        Instant periodStart,
        Instant periodEnd,
        boolean trialing,
        String paymentId,
        ChargeReference.ForOrder startedBy,
        Instant at,
        Instant anchor,
        ZoneId timeZone,
        @Nullable UUID testClockId) {}
