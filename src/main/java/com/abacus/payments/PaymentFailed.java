package com.abacus.payments;

import com.abacus.shared.AccountId;
import java.time.Instant;
import org.springframework.modulith.events.Externalized;

/**
 * A charge ended without money moving (declined, authentication abandoned, or never reached the processor).
 * {@code settledByCharge} as in {@link PaymentSucceeded}: true when the charging call itself learned the outcome.
 */
@Externalized("abacus.payments::#{#this.accountId().toString()}")
public record PaymentFailed(
        PaymentId paymentId,
        AccountId accountId,
        long amountMinor,
        String currency,
        Processor processor,
        String reference,
        String failureCode,
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
