package com.abacus.invoicing;

import com.abacus.shared.AccountId;
import com.abacus.shared.Money;
import java.time.Instant;
import java.util.List;

/**
 * An invoice in its currency. {@code number} is gapless per year (INV-2026-000001) and assigned at finalisation.
 * {@code billedTo} is the customer's name and email as they were when issued (pseudonymised on erasure).
 */
public record Invoice(
        InvoiceId id,
        String number,
        AccountId accountId,
        String subscriptionId,
        String billedToName,
        String billedToEmail,
        InvoiceStatus status,
        Money total,
        Money creditedAmount,
        List<InvoiceLine> lines,
        Instant periodStart,
        Instant periodEnd,
        String paymentId,
        int attempts,
        Instant nextAttemptAt,
        Instant issuedAt,
        Instant paidAt) {

    public Money subtotalOf(InvoiceLine.Kind kind) {
        return lines.stream()
                .filter(l -> l.kind() == kind)
                .map(InvoiceLine::amount)
                .reduce(Money.zero(total.currency()), Money::plus);
    }
}
