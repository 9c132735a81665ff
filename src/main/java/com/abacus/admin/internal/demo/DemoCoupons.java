package com.abacus.admin.internal.demo;

import com.abacus.discounts.Coupons;
import com.abacus.discounts.NewCoupon;
import com.abacus.discounts.NewPromotionCode;
import java.math.BigDecimal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** A coupon to try at checkout in the demo: promotion code WELCOME20, 20% off the first 3 invoices. */
@Component
@Order(11)
@ConditionalOnBooleanProperty("abacus.demo.enabled")
class DemoCoupons implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCoupons.class);

    static final String COUPON = "LAUNCH20";
    static final String PROMOTION_CODE = "WELCOME20";

    private final Coupons coupons;

    DemoCoupons(Coupons coupons) {
        this.coupons = coupons;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (coupons.all().stream().anyMatch(c -> c.code().equals(COUPON))) {
            return;
        }
        coupons.create(
                new NewCoupon(COUPON, "Launch offer", new BigDecimal("20"), null, "repeating", 3, null, null, null));
        coupons.createPromotionCode(new NewPromotionCode(PROMOTION_CODE, COUPON, null, null, false));
        log.info("Demo promotion code {}: 20% off the first 3 invoices (type it at checkout)", PROMOTION_CODE);
    }
}
