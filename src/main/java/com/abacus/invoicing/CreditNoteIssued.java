package com.abacus.invoicing;

import com.abacus.shared.AccountId;
import java.time.Instant;
import java.util.UUID;
import org.springframework.modulith.events.Externalized;

/** Money owed back against an invoice (a refund): revenue reverses what it had deferred or recognised for it. */
@Externalized("abacus.invoices::#{#this.accountId().toString()}")
public record CreditNoteIssued(
        UUID creditNoteId,
        String number,
        InvoiceId invoiceId,
        String invoiceNumber,
        AccountId accountId,
        String currency,
        long amountMinor,
        long invoiceTotalMinor,
        String reason,
        boolean refunded,
        Instant issuedAt) {}
