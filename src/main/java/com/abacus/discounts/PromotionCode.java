package com.abacus.discounts;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A string customers type at checkout for a coupon, matched case-insensitively, with limits of its own on top of the
 * coupon's: {@code maxRedemptions}, {@code expiresAt}, and {@code firstTimeOnly} (only for an account that has never
 * subscribed).
 */
public record PromotionCode(
        UUID id,
        String code,
        String coupon,
        @Nullable Integer maxRedemptions,
        int timesRedeemed,
        @Nullable Instant expiresAt,
        boolean firstTimeOnly,
        boolean active,
        Instant createdAt) {

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    public boolean exhausted() {
        return maxRedemptions != null && timesRedeemed >= maxRedemptions;
    }
}
