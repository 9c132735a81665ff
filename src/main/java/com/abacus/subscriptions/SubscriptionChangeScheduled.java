package com.abacus.subscriptions;

import com.abacus.shared.AccountId;
import java.time.Instant;

/** A downgrade or cancellation will take effect at period end; service continues unchanged until then. */
public record SubscriptionChangeScheduled(
        SubscriptionId subscriptionId, AccountId accountId, String toPlan, boolean cancellation, Instant effectiveAt) {}
