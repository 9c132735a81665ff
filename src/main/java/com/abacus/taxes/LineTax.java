package com.abacus.taxes;

import com.abacus.shared.Money;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * The tax of one invoice line: the rule that applied, its rate and the amount, rounded once for the line. With an
 * inclusive price the line's amount contains the tax; otherwise the tax comes on top.
 *
 * @param jurisdiction null when no jurisdiction taxes the line (no rule for the country, US sales tax off)
 * @param rule the rule's id ({@link TaxRule#id}), or why nothing was charged ("exempt", "no tax rule for BR")
 */
public record LineTax(
        @Nullable String jurisdiction,
        String taxName,
        BigDecimal rate,
        String rule,
        Money tax,
        boolean inclusive,
        boolean reverseCharge) {

    /** The line's amount without tax. */
    public Money netOf(Money lineAmount) {
        return inclusive ? lineAmount.minus(tax) : lineAmount;
    }

    /** What the buyer pays for the line. */
    public Money grossOf(Money lineAmount) {
        return inclusive ? lineAmount : lineAmount.plus(tax);
    }
}
