package com.abacus.entitlements.internal.cache;

import com.abacus.entitlements.EntitlementSnapshot;
import java.util.Map;

/**
 * A snapshot ready to serve: the API's JSON is rendered once per version and instance, so a cache hit writes bytes.
 *
 * @param stale true when served from the near cache because neither Redis nor PostgreSQL could confirm it
 */
public record CachedEntitlements(
        EntitlementSnapshot snapshot,
        byte[] json,
        Map<String, byte[]> featureJson,
        String etag,
        long loadedAtNanos,
        boolean stale) {

    public long version() {
        return snapshot.version();
    }

    CachedEntitlements asStale() {
        return new CachedEntitlements(snapshot, json, featureJson, etag, loadedAtNanos, true);
    }

    CachedEntitlements revalidated(long nanos) {
        return new CachedEntitlements(snapshot, json, featureJson, etag, nanos, false);
    }
}
