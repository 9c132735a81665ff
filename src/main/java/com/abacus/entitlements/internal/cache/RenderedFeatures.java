package com.abacus.entitlements.internal.cache;

import com.abacus.entitlements.Entitlement;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.type.TypeReference;

/**
 * A set of feature values as the API writes them, shared by every cached account that has exactly these values (most
 * accounts of a plan do): the {@code "features"} object's bytes, and where each feature's members sit in them, so one
 * feature's answer is cut from the same bytes. Nothing else is kept: the values are read back from the bytes when a
 * caller wants them as objects (the console, not the read path). Equal by content, so equal sets are interned.
 */
public final class RenderedFeatures {

    private static final TypeReference<TreeMap<String, Members>> MEMBERS = new TypeReference<>() {};

    private final byte[] json;
    /** Feature names in the order of {@code json} (sorted), and the members of each: {@code json[from[i], to[i])}. */
    private final String[] names;

    private final int[] from;
    private final int[] to;
    private final int hash;

    private record Members(boolean enabled, Long limit, String source, Instant validUntil) {}

    private RenderedFeatures(byte[] json, String[] names, int[] from, int[] to) {
        this.json = json;
        this.names = names;
        this.from = from;
        this.to = to;
        this.hash = Arrays.hashCode(json);
    }

    static RenderedFeatures of(Map<String, Entitlement> values) {
        TreeMap<String, Entitlement> sorted = new TreeMap<>(values);
        String[] names = new String[sorted.size()];
        int[] from = new int[names.length];
        int[] to = new int[names.length];
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + names.length * 96);
        out.write('{');
        int i = 0;
        for (Entitlement entitlement : sorted.values()) {
            if (i > 0) {
                out.write(',');
            }
            names[i] = entitlement.feature().intern();
            out.writeBytes(SnapshotJson.JSON.writeValueAsBytes(entitlement.feature()));
            out.write(':');
            byte[] object = SnapshotJson.JSON.writeValueAsBytes(SnapshotJson.members(entitlement));
            from[i] = out.size() + 1;
            out.writeBytes(object);
            to[i] = out.size() - 1;
            i++;
        }
        out.write('}');
        return new RenderedFeatures(out.toByteArray(), names, from, to);
    }

    /** The values as objects, read back from the bytes. */
    Map<String, Entitlement> values() {
        Map<String, Entitlement> values = new TreeMap<>();
        SnapshotJson.JSON
                .readValue(json, MEMBERS)
                .forEach((feature, m) -> values.put(
                        feature, new Entitlement(feature, m.enabled(), m.limit(), m.source(), m.validUntil())));
        return values;
    }

    byte[] json() {
        return json;
    }

    /** Appends {@code "feature":"…",} and the feature's members; false if the set has no such feature. */
    boolean writeFeature(String feature, ByteArrayOutputStream out) {
        int i = Arrays.binarySearch(names, feature);
        if (i < 0) {
            return false;
        }
        out.writeBytes(FEATURE);
        out.writeBytes(SnapshotJson.JSON.writeValueAsBytes(names[i]));
        out.write(',');
        out.write(json, from[i], to[i] - from[i]);
        return true;
    }

    private static final byte[] FEATURE = "\"feature\":".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @Override
    public boolean equals(Object other) {
        return other instanceof RenderedFeatures that && hash == that.hash && Arrays.equals(json, that.json);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
