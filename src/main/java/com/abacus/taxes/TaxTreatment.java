package com.abacus.taxes;

import com.abacus.shared.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/**
 * How one account's invoices are taxed on one day: at a jurisdiction's rate, reverse charged, exempt, or not taxed at
 * all, with prices exclusive of tax or including it.
 *
 * <p>Rounding: each line's tax is rounded once, half-up (away from zero, so a credit line mirrors its charge) at the
 * currency's scale. Exclusive: tax = amount × rate. Inclusive: net = amount ÷ (1 + rate), rounded, and tax = amount −
 * net, so net + tax is exactly the price. Totals per rate are sums of the rounded lines.
 *
 * @param note the legal note an invoice prints (reverse charge, exemption); null for none
 */
public record TaxTreatment(
        Kind kind,
        @Nullable String jurisdiction,
        String taxName,
        BigDecimal rate,
        String rule,
        @Nullable String note,
        boolean inclusive) {

    public enum Kind {
        TAXED,
        REVERSE_CHARGED,
        EXEMPT,
        NOT_TAXED
    }

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public static TaxTreatment notTaxed(String why, boolean inclusive) {
        return new TaxTreatment(Kind.NOT_TAXED, null, "Tax", BigDecimal.ZERO, why, null, inclusive);
    }

    /**
     * A line whose price includes tax whatever the currency (a plan marked {@code tax_inclusive}): assessed as
     * inclusive; otherwise as this treatment says.
     */
    public LineTax assess(Money amount, boolean priceIncludesTax) {
        if (!priceIncludesTax || inclusive) {
            return assess(amount);
        }
        return new TaxTreatment(kind, jurisdiction, taxName, rate, rule, note, true).assess(amount);
    }

    public LineTax assess(Money amount) {
        int scale = amount.scale();
        BigDecimal value = amount.amount();
        BigDecimal tax;
        if (rate.signum() == 0) {
            tax = BigDecimal.ZERO;
        } else if (inclusive) {
            BigDecimal net = value.multiply(HUNDRED).divide(HUNDRED.add(rate), scale, RoundingMode.HALF_UP);
            tax = value.subtract(net);
        } else {
            tax = value.multiply(rate).divide(HUNDRED, scale, RoundingMode.HALF_UP);
        }
        return new LineTax(
                jurisdiction,
                taxName,
                rate,
                rule,
                Money.of(tax, amount.currency()),
                inclusive,
                kind == Kind.REVERSE_CHARGED);
    }
}
