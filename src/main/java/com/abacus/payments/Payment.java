package com.abacus.payments;

import com.abacus.shared.AccountId;
import com.abacus.shared.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * A charge as the rest of Abacus sees it. {@code refunded} never exceeds {@code amount}.
 *
 * @param methodType what was charged: a card, a PayPal billing agreement, a SEPA mandate
 * @param actionUrl where the customer approves it, while it {@code REQUIRES_ACTION} at the processor's page (PayPal)
 * @param settlesAt a {@code PROCESSING} debit: when the processor expects to know whether the money arrived
 */
public record Payment(
        PaymentId id,
        AccountId accountId,
        Processor processor,
        String processorReference,
        Money amount,
        Money refunded,
        PaymentStatus status,
        String failureCode,
        String failureMessage,
        String reference,
        String description,
        UUID paymentMethodId,
        Instant createdAt,
        PaymentMethodType methodType,
        String actionUrl,
        Instant settlesAt) {

    /** The failure code of a payment the processor never received (its caller died before sending it). */
    public static final String NOT_RECEIVED_BY_PROCESSOR = "not_received_by_processor";

    /** A charge recorded before its verdict: pending, nothing refunded, no processor reference yet. */
    public static Payment pending(
            PaymentId id,
            AccountId accountId,
            Processor processor,
            Money amount,
            String reference,
            String description,
            UUID paymentMethodId,
            Instant createdAt,
            PaymentMethodType methodType) {
        return new Payment(
                id,
                accountId,
                processor,
                null,
                amount,
                Money.zero(amount.currency()),
                PaymentStatus.PENDING,
                null,
                null,
                reference,
                description,
                paymentMethodId,
                createdAt,
                methodType,
                null,
                null);
    }

    /** This payment with a processor's verdict; a success carries no failure. */
    public Payment withVerdict(
            String processorReference, PaymentStatus verdict, String failureCode, String failureMessage) {
        return withVerdict(processorReference, verdict, failureCode, failureMessage, null, null);
    }

    /** {@link #withVerdict(String, PaymentStatus, String, String)}, with where to approve it or when it settles. */
    public Payment withVerdict(
            String processorReference,
            PaymentStatus verdict,
            String failureCode,
            String failureMessage,
            String actionUrl,
            Instant settlesAt) {
        boolean succeeded = verdict == PaymentStatus.SUCCEEDED;
        return new Payment(
                id,
                accountId,
                processor,
                processorReference,
                amount,
                refunded,
                verdict,
                succeeded ? null : failureCode,
                succeeded ? null : failureMessage,
                reference,
                description,
                paymentMethodId,
                createdAt,
                methodType,
                verdict == PaymentStatus.REQUIRES_ACTION ? actionUrl : null,
                verdict == PaymentStatus.PROCESSING ? settlesAt : null);
    }

    /** Failed without reaching the processor: no decline, nothing the customer did. */
    public boolean neverReachedProcessor() {
        return status == PaymentStatus.FAILED && NOT_RECEIVED_BY_PROCESSOR.equals(failureCode);
    }

    public Money refundable() {
        return status == PaymentStatus.SUCCEEDED ? amount.minus(refunded) : Money.zero(amount.currency());
    }
}
