package com.abacus.discounts;

import com.abacus.discounts.internal.CouponRepository;
import com.abacus.discounts.internal.CouponRules;
import com.abacus.shared.DomainException;
import com.abacus.shared.NotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The coupons staff create (ADMIN, or a service token with {@code coupons:write}) and their promotion codes. */
@Service
public class Coupons {

    private final CouponRepository coupons;
    private final CouponRules rules;
    private final Clock clock;

    Coupons(CouponRepository coupons, CouponRules rules, Clock clock) {
        this.coupons = coupons;
        this.rules = rules;
        this.clock = clock;
    }

    @Transactional
    public Coupon create(NewCoupon request) {
        Coupon coupon = rules.coupon(request, clock.instant());
        try {
            coupons.insert(coupon);
        } catch (DuplicateKeyException e) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "coupon-exists",
                    "A coupon with the code " + coupon.code() + " exists already",
                    Map.of("field", "code"));
        }
        return coupon;
    }

    @Transactional
    public PromotionCode createPromotionCode(NewPromotionCode request) {
        PromotionCode code = rules.promotionCode(request, clock.instant());
        Coupon coupon = coupons.find(code.coupon())
                .orElseThrow(() -> new com.abacus.shared.InvalidInputException(
                        "coupon", "unknown coupon '" + code.coupon() + "'"));
        if (coupon.expiredAt(clock.instant())) {
            throw new com.abacus.shared.InvalidInputException("coupon", "coupon " + coupon.code() + " has expired");
        }
        try {
            coupons.insert(code);
        } catch (DuplicateKeyException e) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "promotion-code-exists",
                    "The promotion code " + code.code() + " exists already (codes are matched in any case)",
                    Map.of("field", "code"));
        }
        return code;
    }

    public Coupon get(String code) {
        return coupons.find(code).orElseThrow(() -> new NotFoundException("coupon", code));
    }

    public List<Coupon> all() {
        return coupons.all();
    }

    public List<PromotionCode> promotionCodes() {
        return coupons.promotionCodes();
    }
}
