package com.abacus.subscriptions;

import com.abacus.shared.AccountId;
import java.time.Instant;

/** A renewal charge failed; dunning retries it while service continues for the grace period. */
public record SubscriptionPastDue(SubscriptionId subscriptionId, AccountId accountId, Instant since) {}
