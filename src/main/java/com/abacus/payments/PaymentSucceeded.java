package com.abacus.payments;

import com.abacus.shared.AccountId;
import java.time.Instant;
import org.springframework.modulith.events.Externalized;

/**
 * Money was captured. {@code reference} says what for (e.g. {@code order:…}, {@code invoice:…}). {@code settledByCharge}
 * is true when the charging call itself learned the outcome, so its caller has already acted on it; false when the
 * reconciler or a processor webhook settled the payment later.
 */
@Externalized("abacus.payments::#{#this.accountId().toString()}")
public record PaymentSucceeded(
        PaymentId paymentId,
        AccountId accountId,
        long amountMinor,
        String currency,
        Processor processor,
        String reference,
        boolean settledByCharge,
        Instant at) {

    /** The order this payment was for, if it was for one. */
    public java.util.Optional<java.util.UUID> orderId() {
        return com.abacus.shared.ChargeReference.orderOf(reference);
    }

    /** The invoice this payment was for, if it was for one. */
    public java.util.Optional<java.util.UUID> invoiceId() {
        return com.abacus.shared.ChargeReference.invoiceOf(reference);
    }
}
