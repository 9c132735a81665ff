package com.abacus.discounts;

import org.jspecify.annotations.Nullable;

/** A promotion code as asked for, unchecked; {@code expiresAt} an ISO-8601 instant. */
public record NewPromotionCode(
        @Nullable String code,
        @Nullable String coupon,
        @Nullable Integer maxRedemptions,
        @Nullable String expiresAt,
        @Nullable Boolean firstTimeOnly) {}
