package com.abacus.discounts;

import com.abacus.discounts.internal.CouponRepository;
import com.abacus.discounts.internal.RedemptionRepository;
import com.abacus.shared.InvalidInputException;
import com.abacus.subscriptions.DiscountTerms;
import com.abacus.subscriptions.Subscription;
import com.abacus.subscriptions.SubscriptionDiscounts;
import com.abacus.subscriptions.SubscriptionId;
import com.abacus.subscriptions.Subscriptions;
import java.time.Clock;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff give a subscription a coupon, with a reason: it counts as a redemption of the coupon (its limits hold), replaces
 * the subscription's coupon if it had one, starts with the next invoice, and is audited ({@link CouponApplied}).
 */
@Service
public class CouponApplications {

    private final CouponRepository coupons;
    private final RedemptionRepository redemptions;
    private final Subscriptions subscriptions;
    private final SubscriptionDiscounts discounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CouponApplications(
            CouponRepository coupons,
            RedemptionRepository redemptions,
            Subscriptions subscriptions,
            SubscriptionDiscounts discounts,
            ApplicationEventPublisher events,
            Clock clock) {
        this.coupons = coupons;
        this.redemptions = redemptions;
        this.subscriptions = subscriptions;
        this.discounts = discounts;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Subscription apply(String couponCode, SubscriptionId id, String actor, String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new InvalidInputException("reason", "say why, in at most 500 characters");
        }
        Instant now = clock.instant();
        Coupon coupon = coupons.find(couponCode == null ? "" : couponCode.strip())
                .orElseThrow(() -> new InvalidInputException("coupon", "'" + couponCode + "' is not a coupon"));
        if (coupon.expiredAt(now)) {
            throw new InvalidInputException("coupon", coupon.code() + " has expired");
        }
        Subscription subscription = subscriptions.get(id);
        DiscountTerms terms = coupon.termsIn(subscription.price().currencyCode(), "coupon");
        if (!redemptions.takeCouponUse(coupon.code(), now)) {
            throw new InvalidInputException("coupon", coupon.code() + " has been fully redeemed");
        }
        Subscription discounted = discounts.apply(id, terms);
        redemptions.insert(coupon.code(), null, subscription.accountId().value(), null, id.value(), now);
        events.publishEvent(new CouponApplied(
                coupon.code(),
                id.toString(),
                subscription.accountId().toString(),
                actor,
                reason.strip(),
                terms.description(),
                now));
        return discounted;
    }
}
