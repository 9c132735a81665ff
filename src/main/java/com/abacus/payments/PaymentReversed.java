package com.abacus.payments;

import com.abacus.shared.AccountId;
import java.time.Instant;
import org.springframework.modulith.events.Externalized;

/**
 * The customer's bank took back a settled payment (a SEPA return after settlement, a chargeback). The amount went back
 * as a refund (its {@link RefundIssued} follows, and invoicing credits the invoice); the processor's fee for it is
 * ours to bear, and revenue books it as an expense.
 */
@Externalized("abacus.payments::#{#this.accountId().toString()}")
public record PaymentReversed(
        PaymentId paymentId,
        AccountId accountId,
        long amountMinor,
        long feeMinor,
        String currency,
        Processor processor,
        String reversalReference,
        String reason,
        Instant at) {}
