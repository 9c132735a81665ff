package com.abacus.payments;

/**
 * {@code UNKNOWN}: the processor did not answer in time, so we do not know whether money moved. Never retried blindly;
 * the reconciler asks the processor and settles it. {@code REQUIRES_ACTION}: the bank wants the customer to
 * authenticate; a webhook settles it.
 */
public enum PaymentStatus {
    PENDING,
    SUCCEEDED,
    FAILED,
    UNKNOWN,
    REQUIRES_ACTION;

    public boolean isSettled() {
        return this == SUCCEEDED || this == FAILED;
    }
}
