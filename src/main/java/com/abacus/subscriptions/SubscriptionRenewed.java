package com.abacus.subscriptions;

import com.abacus.shared.AccountId;
import java.time.Instant;
import java.util.List;
import org.springframework.modulith.events.Externalized;

/**
 * A new billing period began. {@code planChanged} and {@code trialConverted} say whether a scheduled change or the end
 * of a trial came with it; a plain renewal changes nothing but the period.
 */
@Externalized("abacus.subscriptions::#{#this.accountId().toString()}")
public record SubscriptionRenewed(
        SubscriptionId subscriptionId,
        AccountId accountId,
        String planCode,
        int catalogVersion,
        String currency,
        List<ChargeLine> lines,
        Instant periodStart,
        Instant periodEnd,
        boolean planChanged,
        boolean trialConverted,
        Instant at) {}
