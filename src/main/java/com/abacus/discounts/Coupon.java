package com.abacus.discounts;

import com.abacus.shared.InvalidInputException;
import com.abacus.shared.Money;
import com.abacus.shared.web.Formats;
import com.abacus.subscriptions.DiscountTerms;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a discount is: {@code percentOff}, or {@code amountsOff} per currency; limited to the plan and add-on codes in
 * {@code appliesTo} (empty: everything a subscription buys); for {@code duration} ({@code durationInPeriods} periods
 * when repeating); redeemable {@code maxRedemptions} times (null: unlimited) until {@code redeemBy} (null: no end).
 */
public record Coupon(
        String code,
        String name,
        @Nullable BigDecimal percentOff,
        Map<String, Money> amountsOff,
        DiscountTerms.Duration duration,
        @Nullable Integer durationInPeriods,
        List<String> appliesTo,
        @Nullable Integer maxRedemptions,
        @Nullable Instant redeemBy,
        int timesRedeemed,
        Instant createdAt) {

    public boolean expiredAt(Instant now) {
        return redeemBy != null && !now.isBefore(redeemBy);
    }

    public boolean exhausted() {
        return maxRedemptions != null && timesRedeemed >= maxRedemptions;
    }

    /** "20% off", "€10.00 off": what the discount line says it takes off, as the customer reads amounts. */
    public String offIn(String currency) {
        if (percentOff != null) {
            return percentOff.stripTrailingZeros().toPlainString() + "% off";
        }
        Money amount = amountsOff.get(currency);
        return (amount == null ? "" : new Formats().price(amount)) + " off";
    }

    /** The discount a subscription in {@code currency} gets; refused (naming {@code field}) if it has no amount in it. */
    public DiscountTerms termsIn(String currency, String field) {
        Money amount = percentOff == null ? amountsOff.get(currency) : null;
        if (percentOff == null && amount == null) {
            throw new InvalidInputException(field, "coupon " + code + " has no amount off in " + currency);
        }
        return new DiscountTerms(
                code,
                name + " (" + offIn(currency) + ")",
                percentOff,
                amount,
                appliesTo,
                duration,
                durationInPeriods == null ? 0 : durationInPeriods);
    }
}
