package com.abacus.subscriptions;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * TRIALING: service on, card saved, first charge at trial end. ACTIVE: paid up. PAST_DUE: a charge failed and dunning
 * retries it; service continues during the grace period. CANCELED: ended (at period end, for non-payment, or by staff),
 * for good. The allowed moves are {@link #TRANSITIONS}; every change of status goes through {@link #canBecome}.
 */
public enum SubscriptionStatus {
    TRIALING,
    ACTIVE,
    PAST_DUE,
    CANCELED;

    /** From each status, the statuses a subscription may move to. */
    static final Map<SubscriptionStatus, Set<SubscriptionStatus>> TRANSITIONS = Map.of(
            TRIALING, EnumSet.of(ACTIVE, PAST_DUE, CANCELED),
            ACTIVE, EnumSet.of(PAST_DUE, CANCELED),
            PAST_DUE, EnumSet.of(ACTIVE, CANCELED),
            CANCELED, EnumSet.noneOf(SubscriptionStatus.class));

    public boolean isLive() {
        return this != CANCELED;
    }

    public boolean canBecome(SubscriptionStatus next) {
        return TRANSITIONS.get(this).contains(next);
    }
}
