package com.abacus.subscriptions;

import com.abacus.shared.AccountId;
import java.time.Instant;
import java.util.List;
import org.springframework.modulith.events.Externalized;

/** The plan changed now (upgrade), with the proration charged through payments. */
@Externalized("abacus.subscriptions::#{#this.accountId().toString()}")
public record SubscriptionPlanChanged(
        SubscriptionId subscriptionId,
        AccountId accountId,
        String fromPlan,
        String toPlan,
        int catalogVersion,
        String currency,
        List<ChargeLine> lines,
        String paymentId,
        Instant at) {}
