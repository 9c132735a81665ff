package com.abacus.invoicing;

import com.abacus.shared.AccountId;
import java.time.Instant;

/** An invoice will not be collected (voided or written off by staff, or dunning gave up). */
public record InvoiceWrittenOff(
        InvoiceId invoiceId,
        String number,
        AccountId accountId,
        String currency,
        long amountMinor,
        String status,
        Instant at,
        long taxMinor,
        @org.jspecify.annotations.Nullable String taxJurisdiction) {

    /** The invoice, now in {@code status} (VOID or UNCOLLECTIBLE). */
    public static InvoiceWrittenOff of(Invoice invoice, InvoiceStatus status, Instant at) {
        return new InvoiceWrittenOff(
                invoice.id(),
                invoice.number(),
                invoice.accountId(),
                invoice.total().currencyCode(),
                invoice.total().minor(),
                status.name(),
                at,
                invoice.tax().minor(),
                invoice.taxJurisdiction());
    }
}
