package com.abacus.entitlements.internal.cache;

import com.abacus.entitlements.Entitlement;
import com.abacus.entitlements.EntitlementSnapshot;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The internal API's JSON, and the format snapshots travel in through Redis. */
public final class SnapshotJson {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One rendering per distinct set of values, kept while some cached account uses it (weak values): accounts on the
     * same terms share it, and their snapshots share its map.
     */
    private static final Cache<Map<String, Entitlement>, RenderedFeatures> SHARED =
            Caffeine.newBuilder().weakValues().build();

    private SnapshotJson() {}

    public static CachedEntitlements render(EntitlementSnapshot snapshot, long loadedAtNanos) {
        RenderedFeatures features = SHARED.get(snapshot.features(), RenderedFeatures::of);
        EntitlementSnapshot compact = features.values() == snapshot.features()
                ? snapshot
                : new EntitlementSnapshot(
                        snapshot.accountId(),
                        snapshot.version(),
                        snapshot.computedAt(),
                        features.values(),
                        snapshot.nextChangeAt());
        return new CachedEntitlements(compact, features, loadedAtNanos, false);
    }

    /** {@code {"accountId":…,"version":…,"computedAt":…,"features":{…}}}, as Jackson would write it. */
    static byte[] document(EntitlementSnapshot snapshot, RenderedFeatures features) {
        byte[] head = ("{\"accountId\":\"" + snapshot.accountId() + "\",\"version\":" + snapshot.version()
                        + ",\"computedAt\":\"" + snapshot.computedAt() + "\",\"features\":")
                .getBytes(StandardCharsets.UTF_8);
        byte[] body = features.json();
        byte[] document = new byte[head.length + body.length + 1];
        System.arraycopy(head, 0, document, 0, head.length);
        System.arraycopy(body, 0, document, head.length, body.length);
        document[document.length - 1] = '}';
        return document;
    }

    /** {@code {"accountId":…,"feature":…,"enabled":…,"limit":…,"source":…,"validUntil":…,"version":…}}; null if none. */
    static byte[] feature(EntitlementSnapshot snapshot, RenderedFeatures features, String feature) {
        byte[] fields = features.fields(feature);
        if (fields == null) {
            return null;
        }
        byte[] head = ("{\"accountId\":\"" + snapshot.accountId() + "\",").getBytes(StandardCharsets.UTF_8);
        byte[] tail = (",\"version\":" + snapshot.version() + "}").getBytes(StandardCharsets.UTF_8);
        byte[] document = new byte[head.length + fields.length + tail.length];
        System.arraycopy(head, 0, document, 0, head.length);
        System.arraycopy(fields, 0, document, head.length, fields.length);
        System.arraycopy(tail, 0, document, head.length + fields.length, tail.length);
        return document;
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

    static Map<String, Object> members(Entitlement entitlement) {
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
