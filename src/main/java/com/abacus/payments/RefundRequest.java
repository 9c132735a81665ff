package com.abacus.payments;

import com.abacus.shared.Money;

/** A refund of part or all of a payment; {@code reason} is required and kept with the refund and its credit note. */
public record RefundRequest(PaymentId paymentId, Money amount, String reason, String requestedBy, String idempotencyKey) {}
