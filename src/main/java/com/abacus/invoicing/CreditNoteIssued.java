package com.abacus.invoicing;

import com.abacus.shared.AccountId;
import java.time.Instant;
import java.util.UUID;
import org.springframework.modulith.events.Externalized;

/**
 * Money owed back against an invoice (a refund): revenue reverses what it had deferred or recognised for it, and the
 * tax payable by {@code taxMinor} (the part of {@code amountMinor} that is tax) in {@code taxJurisdiction}.
 */
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
        Instant issuedAt,
        long taxMinor,
        @org.jspecify.annotations.Nullable String taxJurisdiction) {}
