package com.abacus.discounts;

import java.time.Instant;

/** Staff gave a subscription a coupon; the audit log records who, and why. */
public record CouponApplied(
        String coupon,
        String subscriptionId,
        String accountId,
        String actor,
        String reason,
        String description,
        Instant at) {}
