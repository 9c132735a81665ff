package com.abacus.payments;

import com.abacus.shared.AccountId;
import java.time.Instant;
import java.util.UUID;
import org.springframework.modulith.events.Externalized;

/** Money went back to the customer through the processor that took it; invoicing issues a credit note. */
@Externalized("abacus.payments::#{#this.accountId().toString()}")
public record RefundIssued(
        UUID refundId,
        PaymentId paymentId,
        AccountId accountId,
        long amountMinor,
        String currency,
        Processor processor,
        String reason,
        String requestedBy,
        Instant at) {}
