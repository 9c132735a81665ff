package com.abacus.entitlements.internal.cache;

import com.abacus.entitlements.EntitlementSnapshot;

/**
 * A snapshot ready to serve. What accounts on the same terms have in common (their features, rendered as JSON once) is
 * one shared {@link RenderedFeatures}; an entry adds only its account's id, version and time, so a million accounts
 * fit in a few hundred megabytes. The answer is assembled from those parts on each read.
 *
 * @param stale true when served from the near cache because neither Redis nor PostgreSQL could confirm it
 */
public record CachedEntitlements(
        EntitlementSnapshot snapshot, RenderedFeatures features, long loadedAtNanos, boolean stale) {

    public long version() {
        return snapshot.version();
    }

    public String etag() {
        return "\"" + snapshot.version() + "\"";
    }

    /** {@code {"accountId":…,"version":…,"computedAt":…,"features":{…}}} */
    public byte[] json() {
        return SnapshotJson.document(snapshot, features);
    }

    /** One feature's answer; null when the account has no value for it. */
    public byte[] featureJson(String feature) {
        return SnapshotJson.feature(snapshot, features, feature);
    }

    CachedEntitlements asStale() {
        return new CachedEntitlements(snapshot, features, loadedAtNanos, true);
    }

    CachedEntitlements revalidated(long nanos) {
        return new CachedEntitlements(snapshot, features, nanos, false);
    }
}
