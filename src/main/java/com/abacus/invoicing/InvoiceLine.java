package com.abacus.invoicing;

import com.abacus.shared.Money;
import com.abacus.taxes.LineTax;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One line of an invoice. Credits (proration credit, discount) have negative amounts. {@code serviceStart}/{@code
 * serviceEnd} is the period the line pays for; revenue recognises it over that period (net of tax). {@code amount} is
 * the price as charged: without tax, or with it when the price included tax ({@link LineTax#inclusive}); {@code tax}
 * is null until the line is taxed at issue.
 */
public record InvoiceLine(
        int position,
        Kind kind,
        String product,
        String code,
        String description,
        long quantity,
        Money unitAmount,
        Money amount,
        Instant serviceStart,
        Instant serviceEnd,
        @Nullable LineTax tax) {

    /** An untaxed line, as drafted; the issuer taxes it. */
    public InvoiceLine(
            int position,
            Kind kind,
            String product,
            String code,
            String description,
            long quantity,
            Money unitAmount,
            Money amount,
            Instant serviceStart,
            Instant serviceEnd) {
        this(position, kind, product, code, description, quantity, unitAmount, amount, serviceStart, serviceEnd, null);
    }

    public InvoiceLine taxed(LineTax lineTax) {
        return new InvoiceLine(
                position,
                kind,
                product,
                code,
                description,
                quantity,
                unitAmount,
                amount,
                serviceStart,
                serviceEnd,
                lineTax);
    }

    /** The line without tax: what revenue recognises. */
    public Money net() {
        return tax == null ? amount : tax.netOf(amount);
    }

    public Money taxAmount() {
        return tax == null ? Money.zero(amount.currency()) : tax.tax();
    }

    /** What the buyer pays for the line, tax included. */
    public Money gross() {
        return tax == null ? amount : tax.grossOf(amount);
    }

    public enum Kind {
        PLAN,
        ADDON,
        PRORATION_CREDIT,
        PRORATION_CHARGE,
        USAGE,
        DISCOUNT
    }
}
