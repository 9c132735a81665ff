package com.abacus.invoicing;

import com.abacus.shared.AccountId;
import java.time.Instant;
import org.springframework.modulith.events.Externalized;

@Externalized("abacus.invoices::#{#this.accountId().toString()}")
public record InvoicePaid(InvoiceId invoiceId, String number, AccountId accountId, String paymentId, long amountMinor,
        String currency, Instant paidAt) {}
