package com.abacus.invoicing;

import com.abacus.shared.Money;
import java.time.Instant;

/**
 * One line of an invoice. Credits (proration credit, discount) have negative amounts. {@code serviceStart}/{@code
 * serviceEnd} is the period the line pays for; revenue recognises it over that period.
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
        Instant serviceEnd) {

    public enum Kind {
        PLAN,
        ADDON,
        PRORATION_CREDIT,
        PRORATION_CHARGE,
        USAGE,
        DISCOUNT
    }
}
