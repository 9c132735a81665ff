package com.abacus.payments;

/**
 * {@code UNKNOWN}: the processor did not answer in time, so we do not know whether money moved. Never retried blindly;
 * the reconciler asks the processor and settles it. {@code REQUIRES_ACTION}: the bank wants the customer to
 * authenticate (or, for PayPal, approve on the processor's page); a webhook settles it. {@code PROCESSING}: a bank debit
 * (SEPA) was submitted and settles days later; the service is given at once, the money is not there yet, and the debit
 * can still fail.
 */
public enum PaymentStatus {
    PENDING,
    SUCCEEDED,
    FAILED,
    UNKNOWN,
    REQUIRES_ACTION,
    PROCESSING;

    public boolean isSettled() {
        return this == SUCCEEDED || this == FAILED;
    }
}
