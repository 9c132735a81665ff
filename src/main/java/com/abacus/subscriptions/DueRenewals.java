package com.abacus.subscriptions;

import java.util.List;

/**
 * One batch of the invoice run: the subscriptions renewed together (each with the lines to invoice for its new period)
 * and those that need {@link Subscriptions#renew} one by one because a trial, a scheduled change or a cancellation
 * comes with their renewal.
 */
public record DueRenewals(List<Renewal> renewed, List<SubscriptionId> oneByOne) {

    /** {@code before} is the subscription in the period that ended, {@code after} in the period that began. */
    public record Renewal(Subscription before, Subscription after, List<ChargeLine> lines) {}

    public boolean isEmpty() {
        return renewed.isEmpty() && oneByOne.isEmpty();
    }
}
