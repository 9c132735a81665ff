package com.abacus.subscriptions;

import com.abacus.shared.AccountId;
import java.time.Instant;

/** A scheduled downgrade or cancellation was withdrawn. */
public record SubscriptionChangeUndone(SubscriptionId subscriptionId, AccountId accountId, Instant at) {}
