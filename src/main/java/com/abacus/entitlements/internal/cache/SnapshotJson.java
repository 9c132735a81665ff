package com.abacus.entitlements.internal.cache;

import com.abacus.entitlements.Entitlement;
import com.abacus.entitlements.EntitlementSnapshot;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The internal API's JSON, and the format snapshots travel in through Redis. */
public final class SnapshotJson {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private SnapshotJson() {}

    public static CachedEntitlements render(EntitlementSnapshot snapshot, long loadedAtNanos) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accountId", snapshot.accountId().toString());
        body.put("version", snapshot.version());
        body.put("computedAt", snapshot.computedAt().toString());
        Map<String, Object> features = new LinkedHashMap<>();
        Map<String, byte[]> featureJson = new LinkedHashMap<>();
        for (Entitlement entitlement : snapshot.features().values()) {
            features.put(entitlement.feature(), feature(entitlement));
            Map<String, Object> single = new LinkedHashMap<>();
            single.put("accountId", snapshot.accountId().toString());
            single.put("feature", entitlement.feature());
            single.putAll(feature(entitlement));
            single.put("version", snapshot.version());
            featureJson.put(entitlement.feature(), JSON.writeValueAsBytes(single));
        }
        body.put("features", features);
        return new CachedEntitlements(
                snapshot,
                JSON.writeValueAsBytes(body),
                featureJson,
                "\"" + snapshot.version() + "\"",
                loadedAtNanos,
                false);
    }

    /** The answer for a feature the account has no value for: not enabled. */
    public static byte[] absent(EntitlementSnapshot snapshot, String feature) {
        Map<String, Object> single = new LinkedHashMap<>();
        single.put("accountId", snapshot.accountId().toString());
        single.put("feature", feature);
        single.put("enabled", false);
        single.put("limit", 0);
        single.put("source", "none");
        single.put("validUntil", null);
        single.put("version", snapshot.version());
        return JSON.writeValueAsBytes(single);
    }

    private static Map<String, Object> feature(Entitlement entitlement) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("enabled", entitlement.enabled());
        value.put("limit", entitlement.limit());
        value.put("source", entitlement.source());
        value.put(
                "validUntil",
                entitlement.validUntil() == null
                        ? null
                        : entitlement.validUntil().toString());
        return value;
    }

    static String encode(EntitlementSnapshot snapshot) {
        return JSON.writeValueAsString(snapshot);
    }

    static EntitlementSnapshot decode(String json) {
        return JSON.readValue(json, EntitlementSnapshot.class);
    }
}
