package com.abacus.discounts;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A coupon as asked for, unchecked: {@code percentOff} or {@code amountOff} ({@code {"EUR": "10.00"}}, decimal strings
 * at each currency's scale); {@code duration} once, repeating or forever; {@code plans} the plan and add-on codes it is
 * limited to; {@code redeemBy} an ISO-8601 instant.
 */
public record NewCoupon(
        @Nullable String code,
        @Nullable String name,
        @Nullable BigDecimal percentOff,
        @Nullable Map<String, String> amountOff,
        @Nullable String duration,
        @Nullable Integer durationInPeriods,
        @Nullable List<String> plans,
        @Nullable Integer maxRedemptions,
        @Nullable String redeemBy) {}
