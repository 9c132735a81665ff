package com.abacus.invoicing;

import com.abacus.shared.AccountId;
import java.time.Instant;
import java.util.List;
import org.springframework.modulith.events.Externalized;

/** An invoice was numbered and issued; its lines (with service periods) drive revenue recognition. */
@Externalized("abacus.invoices::#{#this.accountId().toString()}")
public record InvoiceFinalized(InvoiceId invoiceId, String number, AccountId accountId, String currency, long totalMinor,
        List<InvoiceLine> lines, Instant issuedAt) {}
