package com.abacus.payments;

import com.abacus.shared.AccountId;
import com.abacus.shared.Money;
import java.time.Instant;
import java.util.UUID;

public record Refund(
        UUID id,
        PaymentId paymentId,
        AccountId accountId,
        Processor processor,
        Money amount,
        Status status,
        String reason,
        String requestedBy,
        String failureCode,
        Instant createdAt) {

    public enum Status {
        PENDING,
        SUCCEEDED,
        FAILED
    }
}
