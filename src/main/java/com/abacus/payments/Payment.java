package com.abacus.payments;

import com.abacus.shared.AccountId;
import com.abacus.shared.Money;
import java.time.Instant;
import java.util.UUID;

/** A charge as the rest of Abacus sees it. {@code refunded} never exceeds {@code amount}. */
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
        Instant createdAt) {

    public Money refundable() {
        return status == PaymentStatus.SUCCEEDED ? amount.minus(refunded) : Money.zero(amount.currency());
    }
}
