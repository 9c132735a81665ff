package com.abacus.entitlements;

import com.abacus.shared.AccountId;
import java.time.Instant;
import java.util.Map;

/**
 * An account's effective entitlements at one version. Versions only grow; caches compare them so an older snapshot
 * never replaces a newer one. {@code nextChangeAt} is the earliest moment a value lapses by itself (trial end, period
 * end of a cancellation, end of past-due grace): the snapshot is recomputed then.
 */
public record EntitlementSnapshot(
        AccountId accountId,
        long version,
        Instant computedAt,
        Map<String, Entitlement> features,
        Instant nextChangeAt) {}
