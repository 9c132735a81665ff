package com.abacus.checkout;

import com.abacus.discounts.Promotion;
import com.abacus.shared.Money;
import com.abacus.subscriptions.PlanChangeQuote;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a purchase would cost: one line per plan and add-on, their {@code subtotal}, the {@code tax} on them as the account
 * is taxed today (rounded per line, as the invoice will be; zero for a visitor not signed in), the {@code total} charged,
 * and whether a trial applies. With a promotion code, each line the coupon reduces is followed by its discount line
 * (negative); {@code subtotal} is before the discount, {@code discount} what it takes off (positive), so total = subtotal
 * − discount + tax (tax-exclusive prices). When the account already subscribes to the product, {@code change} previews
 * the plan change instead (proration and tax included).
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
        PlanChangeQuote change,
        Money subtotal,
        Money tax,
        Money discount,
        @Nullable Promotion promotion) {

    /** {@code kind}: plan, addon or discount. */
    public record Line(String kind, String code, String description, long quantity, Money unitAmount, Money amount) {}
}
