package com.abacus.invoicing;

import com.abacus.shared.AccountId;
import com.abacus.shared.Money;
import java.time.Instant;
import java.util.List;

/**
 * An invoice in its currency. {@code number} is gapless per year (INV-2026-000001) and assigned at finalisation.
 * {@code billedTo} is the customer's name and email as they were when issued (pseudonymised on erasure).
 * {@code paymentPending}: its charge was accepted and has not settled yet (a SEPA debit takes days); it is not charged
 * again meanwhile.
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
        Instant paidAt,
        boolean paymentPending) {

    /**
     * The status a person reads: a paid invoice credited in full is "credited", in part "partially_credited" (the
     * stored status stays PAID: the payment happened, and credit notes are separate documents).
     */
    public String displayStatus() {
        if (status == InvoiceStatus.FINALIZED && paymentPending) {
            return "payment_pending";
        }
        if (status == InvoiceStatus.PAID && creditedAmount != null && creditedAmount.isPositive()) {
            return creditedAmount.compareTo(total) >= 0 ? "credited" : "partially_credited";
        }
        return status.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** What is left after credit notes: the total less what was credited. */
    public Money netOfCredits() {
        return creditedAmount == null ? total : total.minus(creditedAmount);
    }

    public Money subtotalOf(InvoiceLine.Kind kind) {
        return lines.stream()
                .filter(l -> l.kind() == kind)
                .map(InvoiceLine::amount)
                .reduce(Money.zero(total.currency()), Money::plus);
    }
}
