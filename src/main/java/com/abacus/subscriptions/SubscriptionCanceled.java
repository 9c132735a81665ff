package com.abacus.subscriptions;

import com.abacus.shared.AccountId;
import java.time.Instant;
import org.springframework.modulith.events.Externalized;

/** The subscription ended; service stops now. */
@Externalized("abacus.subscriptions::#{#this.accountId().toString()}")
public record SubscriptionCanceled(
        SubscriptionId subscriptionId, AccountId accountId, String product, String reason, Instant at) {}
