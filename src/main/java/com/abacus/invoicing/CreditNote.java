package com.abacus.invoicing;

import com.abacus.shared.AccountId;
import com.abacus.shared.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * A refund (or goodwill credit) against an invoice, numbered in its own gapless series (CN-2026-000001). {@code tax} is
 * the part of {@code amount} that is tax, in the invoice's proportion ({@link Invoice#taxShareOf}).
 */
public record CreditNote(
        UUID id,
        String number,
        InvoiceId invoiceId,
        String invoiceNumber,
        AccountId accountId,
        Money amount,
        String reason,
        String refundId,
        Instant issuedAt,
        Money tax) {

    /** The amount without its tax. */
    public Money net() {
        return amount.minus(tax);
    }
}
