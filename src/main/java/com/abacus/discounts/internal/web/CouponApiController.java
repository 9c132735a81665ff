package com.abacus.discounts.internal.web;

import com.abacus.discounts.Coupon;
import com.abacus.discounts.CouponApplications;
import com.abacus.discounts.Coupons;
import com.abacus.discounts.NewCoupon;
import com.abacus.discounts.NewPromotionCode;
import com.abacus.discounts.PromotionCode;
import com.abacus.shared.web.MoneyView;
import com.abacus.subscriptions.Subscription;
import com.abacus.subscriptions.SubscriptionId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/coupons}, {@code /api/v1/promotion-codes} and a coupon for a subscription: ADMIN, or a service token
 * with {@code coupons:write}.
 */
@RestController
@RequestMapping("/api/v1")
@PreAuthorize("hasRole('ADMIN') or hasAuthority('SCOPE_coupons:write')")
class CouponApiController {

    private final Coupons coupons;
    private final CouponApplications applications;

    CouponApiController(Coupons coupons, CouponApplications applications) {
        this.coupons = coupons;
        this.applications = applications;
    }

    /** {@code amountOff}: decimal strings at each currency's scale; {@code duration}: once, repeating or forever. */
    record CouponView(
            String code,
            String name,
            @Nullable String percentOff,
            Map<String, String> amountOff,
            String duration,
            @Nullable Integer durationInPeriods,
            List<String> plans,
            @Nullable Integer maxRedemptions,
            int timesRedeemed,
            @Nullable Instant redeemBy,
            Instant createdAt) {

        static CouponView of(Coupon coupon) {
            Map<String, String> amounts = new TreeMap<>();
            coupon.amountsOff()
                    .forEach((currency, amount) ->
                            amounts.put(currency, MoneyView.of(amount).amount()));
            BigDecimal percent = coupon.percentOff();
            return new CouponView(
                    coupon.code(),
                    coupon.name(),
                    percent == null ? null : percent.stripTrailingZeros().toPlainString(),
                    amounts,
                    coupon.duration().name().toLowerCase(),
                    coupon.durationInPeriods(),
                    coupon.appliesTo(),
                    coupon.maxRedemptions(),
                    coupon.timesRedeemed(),
                    coupon.redeemBy(),
                    coupon.createdAt());
        }
    }

    record PromotionCodeView(
            UUID id,
            String code,
            String coupon,
            @Nullable Integer maxRedemptions,
            int timesRedeemed,
            @Nullable Instant expiresAt,
            boolean firstTimeOnly,
            boolean active) {

        static PromotionCodeView of(PromotionCode code) {
            return new PromotionCodeView(
                    code.id(),
                    code.code(),
                    code.coupon(),
                    code.maxRedemptions(),
                    code.timesRedeemed(),
                    code.expiresAt(),
                    code.firstTimeOnly(),
                    code.active());
        }
    }

    record ApplyCoupon(@Nullable String coupon, @Nullable String reason) {}

    record SubscriptionDiscountView(
            String subscriptionId,
            String coupon,
            String description,
            Instant startsAt,
            @Nullable Instant endsAt) {}

    @PostMapping("/coupons")
    ResponseEntity<CouponView> create(@RequestBody NewCoupon request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(CouponView.of(coupons.create(request)));
    }

    @GetMapping("/coupons")
    List<CouponView> list() {
        return coupons.all().stream().map(CouponView::of).toList();
    }

    @GetMapping("/coupons/{code}")
    CouponView get(@PathVariable String code) {
        return CouponView.of(coupons.get(code));
    }

    @PostMapping("/promotion-codes")
    ResponseEntity<PromotionCodeView> createPromotionCode(@RequestBody NewPromotionCode request) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(PromotionCodeView.of(coupons.createPromotionCode(request)));
    }

    @GetMapping("/promotion-codes")
    List<PromotionCodeView> promotionCodes() {
        return coupons.promotionCodes().stream().map(PromotionCodeView::of).toList();
    }

    /** Gives the subscription the coupon from its next invoice on, with a reason (audited). */
    @PostMapping("/subscriptions/{id}/discount")
    SubscriptionDiscountView apply(
            @PathVariable UUID id, @RequestBody ApplyCoupon request, Authentication authentication) {
        Subscription discounted = applications.apply(
                request.coupon(), new SubscriptionId(id), authentication.getName(), request.reason());
        var discount = discounted.discount();
        return new SubscriptionDiscountView(
                id.toString(),
                discount.terms().coupon(),
                discount.terms().description(),
                discount.startsAt(),
                discount.endsAt());
    }
}
