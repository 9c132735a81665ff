package com.abacus.entitlements.internal.cache;

import com.abacus.entitlements.EntitlementSnapshot;
import com.abacus.shared.AccountId;
import java.time.Instant;

/**
 * A snapshot ready to serve. What accounts on the same terms have in common (their features, rendered as JSON once) is
 * one shared {@link RenderedFeatures}; an entry adds only its account's id, version and times, so a million accounts
 * fit in a couple of hundred megabytes. The answer is assembled from those parts on each read.
 *
 * @param stale true when served from the near cache because neither Redis nor PostgreSQL could confirm it
 */
public record CachedEntitlements(
        AccountId accountId,
        long version,
        Instant computedAt,
        Instant nextChangeAt,
        RenderedFeatures features,
        long loadedAtNanos,
        boolean stale) {

    /** The snapshot as objects (its features read back from the rendering). */
    public EntitlementSnapshot snapshot() {
        return new EntitlementSnapshot(accountId, version, computedAt, features.values(), nextChangeAt);
    }

    public String etag() {
        return "\"" + version + "\"";
    }

    /** {@code {"accountId":…,"version":…,"computedAt":…,"features":{…}}} */
    public byte[] json() {
        return SnapshotJson.document(this);
    }

    /** One feature's answer; null when the account has no value for it. */
    public byte[] featureJson(String feature) {
        return SnapshotJson.feature(this, feature);
    }

    CachedEntitlements asStale() {
        return new CachedEntitlements(accountId, version, computedAt, nextChangeAt, features, loadedAtNanos, true);
    }

    CachedEntitlements revalidated(long nanos) {
        return new CachedEntitlements(accountId, version, computedAt, nextChangeAt, features, nanos, false);
    }
}
