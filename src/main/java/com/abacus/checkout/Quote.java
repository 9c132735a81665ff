package com.abacus.checkout;

import com.abacus.shared.Money;
import com.abacus.subscriptions.PlanChangeQuote;
import java.util.List;

/**
 * What a purchase would cost, tax-free: one line per plan and add-on, their total, and whether a trial applies. When the
 * account already subscribes to the product, {@code change} previews the plan change instead (proration included).
 */
public record Quote(
        String planCode,
        String planName,
        String interval,
        String currency,
        List<Line> lines,
        Money total,
        int trialDays,
        boolean trialAvailable,
        PlanChangeQuote change) {

    public record Line(String code, String description, long quantity, Money unitAmount, Money amount) {}
}
