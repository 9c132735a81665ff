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
