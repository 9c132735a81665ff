package com.abacus.discounts;

import com.abacus.discounts.internal.CouponRepository;
import com.abacus.discounts.internal.RedemptionRepository;
import com.abacus.shared.AccountId;
import com.abacus.shared.InvalidInputException;
import com.abacus.subscriptions.DiscountTerms;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * An order's use of a promotion code: taken with the order (in its transaction, so a refused order takes none), given
 * back when the order fails, and read back when the order starts its subscription.
 */
@Component
public class Redemptions {

    private final RedemptionRepository redemptions;
    private final CouponRepository coupons;
    private final Clock clock;

    Redemptions(RedemptionRepository redemptions, CouponRepository coupons, Clock clock) {
        this.redemptions = redemptions;
        this.coupons = coupons;
        this.clock = clock;
    }

    /** Takes a use of the code and its coupon for the order, or refuses it if the last use went to someone else. */
    @Transactional
    public void redeem(Promotion promotion, AccountId account, UUID order) {
        Instant now = clock.instant();
        if (!redemptions.takePromotionCodeUse(promotion.code().id(), now)
                || !redemptions.takeCouponUse(promotion.coupon().code(), now)) {
            throw new InvalidInputException(
                    "promotionCode", promotion.code().code() + " has been fully redeemed or has expired");
        }
        redemptions.insert(promotion.coupon().code(), promotion.code().id(), account.value(), order, null, now);
    }

    @Transactional
    public void release(UUID order) {
        redemptions.release(order, clock.instant());
    }

    /** The discount an order redeemed, in its currency; empty for an order without a promotion code. */
    public Optional<DiscountTerms> termsForOrder(UUID order, String currency) {
        return redemptions
                .forOrder(order)
                .flatMap(r -> coupons.find(r.coupon()))
                .map(coupon -> coupon.termsIn(currency, "promotionCode"));
    }
}
