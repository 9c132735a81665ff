package com.abacus.discounts;

import com.abacus.discounts.internal.CouponRepository;
import com.abacus.shared.AccountId;
import com.abacus.shared.InvalidInputException;
import com.abacus.subscriptions.DiscountTerms;
import com.abacus.subscriptions.Subscriptions;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Checks a promotion code a customer typed for one purchase (plan, add-ons, currency) and says what it takes off; every
 * refusal names {@code promotionCode}. The limits are checked again, atomically, when the order takes its use ({@link
 * Redemptions}): this answer is for the quote and for refusing early.
 */
@Component
public class PromotionCodes {

    private static final String FIELD = "promotionCode";

    private final CouponRepository coupons;
    private final Subscriptions subscriptions;
    private final Clock clock;

    PromotionCodes(CouponRepository coupons, Subscriptions subscriptions, Clock clock) {
        this.coupons = coupons;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    /** {@code account} null: a visitor's quote (the first-time rule is checked when they order). */
    public Promotion check(
            String typed, @Nullable AccountId account, String plan, Collection<String> addOns, String currency) {
        Instant now = clock.instant();
        PromotionCode code = coupons.findPromotionCode(typed.strip())
                .orElseThrow(() -> new InvalidInputException(FIELD, "'" + typed + "' is not a promotion code"));
        Coupon coupon = coupons.find(code.coupon()).orElseThrow();
        if (!code.active()) {
            throw new InvalidInputException(FIELD, code.code() + " is no longer active");
        }
        if (code.expiredAt(now) || coupon.expiredAt(now)) {
            throw new InvalidInputException(FIELD, code.code() + " has expired");
        }
        if (code.exhausted() || coupon.exhausted()) {
            throw new InvalidInputException(FIELD, code.code() + " has been fully redeemed");
        }
        DiscountTerms terms = coupon.termsIn(currency, FIELD);
        if (!terms.appliesToAny(plan, addOns)) {
            throw new InvalidInputException(
                    FIELD,
                    code.code() + " applies only to " + String.join(", ", terms.appliesTo()) + ", not to " + plan);
        }
        if (code.firstTimeOnly()
                && account != null
                && !subscriptions.forAccount(account).isEmpty()) {
            throw new InvalidInputException(FIELD, code.code() + " is for first-time customers only");
        }
        return new Promotion(code, coupon, terms);
    }
}
