package com.abacus.entitlements.internal.cache;

import com.abacus.entitlements.Entitlement;
import com.abacus.entitlements.EntitlementSnapshot;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Interner;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The internal API's JSON, and the format snapshots travel in through Redis. */
public final class SnapshotJson {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** One rendering per distinct set of values, kept while some cached account uses it. */
    private static final Interner<RenderedFeatures> SHARED = Interner.newWeakInterner();

    /** The most common sets by their values, so loading an account of a common plan renders nothing. */
    private static final Cache<Map<String, Entitlement>, RenderedFeatures> COMMON =
            Caffeine.newBuilder().maximumSize(1_000).build();

    private SnapshotJson() {}

    public static CachedEntitlements render(EntitlementSnapshot snapshot, long loadedAtNanos) {
        return entry(snapshot, shared(snapshot.features()), loadedAtNanos);
    }

    /** The shared rendering of these values. */
    public static RenderedFeatures shared(Map<String, Entitlement> values) {
        return COMMON.get(values, v -> SHARED.intern(RenderedFeatures.of(v)));
    }

    static CachedEntitlements entry(EntitlementSnapshot snapshot, RenderedFeatures features, long loadedAtNanos) {
        return new CachedEntitlements(
                snapshot.accountId(),
                snapshot.version(),
                snapshot.computedAt(),
                snapshot.nextChangeAt(),
                features,
                loadedAtNanos,
                false);
    }

    /** {@code {"accountId":…,"version":…,"computedAt":…,"features":{…}}}, as Jackson would write it. */
    static byte[] document(CachedEntitlements entry) {
        byte[] head = ("{\"accountId\":\"" + entry.accountId() + "\",\"version\":" + entry.version()
                        + ",\"computedAt\":\"" + entry.computedAt() + "\",\"features\":")
                .getBytes(StandardCharsets.UTF_8);
        byte[] body = entry.features().json();
        byte[] document = new byte[head.length + body.length + 1];
        System.arraycopy(head, 0, document, 0, head.length);
        System.arraycopy(body, 0, document, head.length, body.length);
        document[document.length - 1] = '}';
        return document;
    }

    /** {@code {"accountId":…,"feature":…,"enabled":…,"limit":…,"source":…,"validUntil":…,"version":…}}; null if none. */
    static byte[] feature(CachedEntitlements entry, String feature) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(192);
        out.writeBytes(("{\"accountId\":\"" + entry.accountId() + "\",").getBytes(StandardCharsets.UTF_8));
        if (!entry.features().writeFeature(feature, out)) {
            return null;
        }
        out.writeBytes((",\"version\":" + entry.version() + "}").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** The answer for a feature the account has no value for: not enabled. */
    public static byte[] absent(CachedEntitlements entry, String feature) {
        Map<String, Object> single = new LinkedHashMap<>();
        single.put("accountId", entry.accountId().toString());
        single.put("feature", feature);
        single.put("enabled", false);
        single.put("limit", 0);
        single.put("source", "none");
        single.put("validUntil", null);
        single.put("version", entry.version());
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
