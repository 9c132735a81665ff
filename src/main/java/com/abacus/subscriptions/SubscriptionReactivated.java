package com.abacus.subscriptions;

import com.abacus.shared.AccountId;
import java.time.Instant;

/** A past-due subscription was paid. */
public record SubscriptionReactivated(SubscriptionId subscriptionId, AccountId accountId, Instant at) {}
