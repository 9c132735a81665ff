package com.abacus.payments;

import com.abacus.shared.Money;

/**
 * A refund of part or all of a payment; {@code reason} is required and kept with the refund and its credit note.
 * {@code limit}, when set, is the most that refunds made under a limit (SUPPORT's) may total on the payment, this one
 * included; null for refunds without one (ADMIN, the platform's own).
 */
public record RefundRequest(
        PaymentId paymentId, Money amount, String reason, String requestedBy, String idempotencyKey, Money limit) {

    public RefundRequest(PaymentId paymentId, Money amount, String reason, String requestedBy, String idempotencyKey) {
        this(paymentId, amount, reason, requestedBy, idempotencyKey, null);
    }

    /** The same refund, counted against a limit on the total refunded under it. */
    public RefundRequest underLimit(Money limit) {
        return new RefundRequest(paymentId, amount, reason, requestedBy, idempotencyKey, limit);
    }
}
