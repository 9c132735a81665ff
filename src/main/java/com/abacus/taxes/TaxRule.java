package com.abacus.taxes;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * One rate of one jurisdiction from the day it takes effect, as a rule file says it.
 *
 * @param jurisdiction a country ({@code DE}) or a country's state or province ({@code CA-ON}, {@code US-WA})
 * @param tax the tax's name as invoices print it (VAT, GST, HST, Consumption tax, Sales tax)
 * @param rate percent, exact ({@code 25.5})
 * @param reverseChargeNote for a business buyer with a tax id of the jurisdiction, the legal note of a reverse charge;
 *     null where the rules have none
 * @param optional collected only when the deployment turns it on (US sales tax)
 */
public record TaxRule(
        String jurisdiction,
        String tax,
        BigDecimal rate,
        LocalDate from,
        @Nullable String reverseChargeNote,
        boolean optional,
        String file) {

    /** How invoices and the tax report name the rule: "DE VAT 19% from 2021-01-01". */
    public String id() {
        return jurisdiction + " " + tax + " " + rate.stripTrailingZeros().toPlainString() + "% from " + from;
    }
}
