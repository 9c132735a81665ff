package com.abacus.invoicing;

import com.abacus.shared.AccountId;
import java.time.Instant;
import java.util.List;
import org.springframework.modulith.events.Externalized;

/**
 * An invoice was numbered and issued; its lines (with service periods) drive revenue recognition. {@code paidAtIssue}:
 * it was paid when issued (a checkout or plan change paid before its invoice existed, or a zero total), so this event
 * is also its payment for revenue, and the {@link InvoicePaid} that follows says {@code atIssue}.
 */
@Externalized("abacus.invoices::#{#this.accountId().toString()}")
public record InvoiceFinalized(
        InvoiceId invoiceId,
        String number,
        AccountId accountId,
        String currency,
        long totalMinor,
        List<InvoiceLine> lines,
        Instant issuedAt,
        boolean paidAtIssue) {}
