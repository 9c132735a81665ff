package com.abacus.invoicing;

import com.abacus.shared.AccountId;
import com.abacus.shared.Money;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An invoice in its currency. {@code number} is gapless per year (INV-2026-000001) and assigned at finalisation.
 * {@code billedTo} is the customer's name and email as they were when issued (pseudonymised on erasure).
 * {@code paymentPending}: its charge was accepted and has not settled yet (a SEPA debit takes days); it is not charged
 * again meanwhile. {@code billedToAddress} (lines joined by newlines), {@code billedToTaxId} and {@code taxNote} (reverse
 * charge, exemption) are as they were when it was issued. {@code total} includes tax.
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
        boolean paymentPending,
        @Nullable String billedToAddress,
        @Nullable String billedToTaxId,
        @Nullable String taxNote) {

    /** The invoice before discounts and without tax: the sum of its other lines' net amounts. */
    public Money subtotal() {
        return lines.stream()
                .filter(l -> l.kind() != InvoiceLine.Kind.DISCOUNT)
                .map(InvoiceLine::net)
                .reduce(Money.zero(total.currency()), Money::plus);
    }

    public Money tax() {
        return lines.stream().map(InvoiceLine::taxAmount).reduce(Money.zero(total.currency()), Money::plus);
    }

    /** The jurisdiction its tax is owed to (one per invoice: one account, one day); null when none taxed it. */
    public @Nullable String taxJurisdiction() {
        return lines.stream()
                .filter(l -> l.tax() != null && l.tax().jurisdiction() != null)
                .map(l -> l.tax().jurisdiction())
                .findFirst()
                .orElse(null);
    }

    /** What the discount lines take off, net of tax (positive, or zero): subtotal − discount + tax = total. */
    public Money discount() {
        return lines.stream()
                .filter(l -> l.kind() == InvoiceLine.Kind.DISCOUNT)
                .map(InvoiceLine::net)
                .reduce(Money.zero(total.currency()), Money::plus)
                .negate();
    }

    /**
     * What the discount lines take off the line at {@code index} (positive, or zero): a discount line follows the line it
     * reduces.
     */
    public Money discountOf(int index) {
        Money off = Money.zero(total.currency());
        if (lines.get(index).kind() == InvoiceLine.Kind.DISCOUNT) {
            return off;
        }
        for (int i = index + 1; i < lines.size() && lines.get(i).kind() == InvoiceLine.Kind.DISCOUNT; i++) {
            off = off.minus(lines.get(i).net());
        }
        return off;
    }

    /** Net, tax and gross per jurisdiction and rate, the way the invoice's tax summary prints them. */
    public List<TaxBreakdown> taxBreakdown() {
        java.util.Map<String, TaxBreakdown> rows = new java.util.LinkedHashMap<>();
        for (InvoiceLine line : lines) {
            if (line.tax() == null || line.tax().jurisdiction() == null) {
                continue;
            }
            var t = line.tax();
            String key =
                    t.jurisdiction() + "|" + t.rate().stripTrailingZeros().toPlainString() + "|" + t.reverseCharge();
            TaxBreakdown row = rows.get(key);
            TaxBreakdown added = new TaxBreakdown(
                    t.jurisdiction(), t.taxName(), t.rate(), line.net(), line.taxAmount(), t.reverseCharge());
            rows.put(key, row == null ? added : row.plus(added));
        }
        return List.copyOf(rows.values());
    }

    /** One row of the tax summary: {@code taxable} is the net of the lines taxed at {@code rate}. */
    public record TaxBreakdown(
            String jurisdiction,
            String taxName,
            java.math.BigDecimal rate,
            Money taxable,
            Money tax,
            boolean reverseCharge) {

        TaxBreakdown plus(TaxBreakdown other) {
            return new TaxBreakdown(
                    jurisdiction, taxName, rate, taxable.plus(other.taxable), tax.plus(other.tax), reverseCharge);
        }
    }

    /**
     * The tax within an amount paid back or written off of this invoice, in the invoice's proportion of tax to total,
     * rounded half-up: a credit note for half the invoice reverses half its tax.
     */
    public Money taxShareOf(Money amount) {
        Money tax = tax();
        if (tax.isZero() || total.isZero()) {
            return Money.zero(total.currency());
        }
        return Money.ofMinor(
                java.math.BigDecimal.valueOf(amount.minor())
                        .multiply(java.math.BigDecimal.valueOf(tax.minor()))
                        .divide(java.math.BigDecimal.valueOf(total.minor()), 0, Money.ROUNDING)
                        .longValueExact(),
                total.currency());
    }

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
