package com.abacus.invoicing;

import com.abacus.shared.AccountId;
import java.time.Instant;
import org.springframework.modulith.events.Externalized;

/**
 * An invoice was paid. {@code atIssue}: it was paid when it was issued, and its {@link InvoiceFinalized} (published in
 * the same transaction, with {@code paidAtIssue}) already carries the payment; listeners that handle that event need
 * not handle this one.
 */
@Externalized("abacus.invoices::#{#this.accountId().toString()}")
public record InvoicePaid(
        InvoiceId invoiceId,
        String number,
        AccountId accountId,
        String paymentId,
        long amountMinor,
        String currency,
        Instant paidAt,
        boolean atIssue) {}
