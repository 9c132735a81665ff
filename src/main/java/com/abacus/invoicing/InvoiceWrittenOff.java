package com.abacus.invoicing;

import com.abacus.shared.AccountId;
import java.time.Instant;

/** An invoice will not be collected (voided by staff, or dunning gave up). */
public record InvoiceWrittenOff(
        InvoiceId invoiceId,
        String number,
        AccountId accountId,
        String currency,
        long amountMinor,
        String status,
        Instant at) {}
