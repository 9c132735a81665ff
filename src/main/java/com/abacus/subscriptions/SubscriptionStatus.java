package com.abacus.subscriptions;

/**
 * TRIALING: service on, card saved, first charge at trial end. ACTIVE: paid up. PAST_DUE: a renewal charge failed
 * and dunning retries it; service continues during the grace period. CANCELED: ended (at period end, for
 * non-payment, or by staff).
 */
public enum SubscriptionStatus {
    TRIALING,
    ACTIVE,
    PAST_DUE,
    CANCELED;

    public boolean isLive() {
        return this != CANCELED;
    }
}
