package com.abacus.checkout;

import com.abacus.shared.AccountId;
import com.abacus.shared.Money;
import java.time.Instant;
import java.util.Map;

/**
 * A purchase or plan change as the customer placed it. PAYMENT_PENDING: the processor has not given a verdict yet
 * (timeout, bank authentication); the order completes or fails by itself when it does.
 */
public record Order(
        OrderId id,
        AccountId accountId,
        Kind kind,
        String planCode,
        String currency,
        Money total,
        Map<String, Integer> addOns,
        boolean trial,
        Status status,
        String subscriptionId,
        String paymentId,
        String failureCode,
        String failureMessage,
        Instant createdAt) {

    /** A purchase as placed: pending, nothing charged, no subscription yet. */
    public static Order newPurchase(
            AccountId account,
            String planCode,
            String currency,
            Money total,
            Map<String, Integer> addOns,
            boolean trial,
            Instant at) {
        return new Order(
                new OrderId(java.util.UUID.randomUUID()),
                account,
                Kind.NEW_SUBSCRIPTION,
                planCode,
                currency,
                total,
                addOns,
                trial,
                Status.PENDING,
                null,
                null,
                null,
                null,
                at);
    }

    /** A change of an existing subscription's plan as placed: pending, its prorated amount not charged yet. */
    public static Order planChange(
            AccountId account, String subscriptionId, String toPlan, Money amountDue, Instant at) {
        return new Order(
                new OrderId(java.util.UUID.randomUUID()),
                account,
                Kind.PLAN_CHANGE,
                toPlan,
                amountDue.currencyCode(),
                amountDue,
                Map.of(),
                false,
                Status.PENDING,
                subscriptionId,
                null,
                null,
                null,
                at);
    }

    /** This order completed: its subscription and the payment that paid it (none for a trial or a free change). */
    public Order completed(String subscription, String payment) {
        return new Order(
                id,
                accountId,
                kind,
                planCode,
                currency,
                total,
                addOns,
                trial,
                Status.COMPLETED,
                subscription,
                payment,
                null,
                null,
                createdAt);
    }

    public enum Kind {
        NEW_SUBSCRIPTION,
        PLAN_CHANGE
    }

    public enum Status {
        PENDING,
        PAYMENT_PENDING,
        COMPLETED,
        FAILED
    }
}
