package com.abacus.subscriptions;

import com.abacus.shared.Money;
import java.time.Instant;

/**
 * Something a subscription charges for, over a service period: the plan, an add-on, one half of a proration, or what a
 * coupon takes off the line before it. Amounts of credits and discounts are negative. Invoicing turns these into invoice lines; revenue spreads them over their service period.
 */
public record ChargeLine(
        Kind kind,
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
        DISCOUNT
    }
}
