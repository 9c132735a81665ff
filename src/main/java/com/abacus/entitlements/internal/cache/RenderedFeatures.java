package com.abacus.entitlements.internal.cache;

import com.abacus.entitlements.Entitlement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A set of feature values and their JSON, shared by every cached account that has exactly these values (most accounts
 * of a plan do): {@code json} is the {@code "features"} object, {@code fields} each feature's members without braces.
 */
public final class RenderedFeatures {

    private final Map<String, Entitlement> values;
    private final byte[] json;
    private final Map<String, byte[]> fields;

    private RenderedFeatures(Map<String, Entitlement> values, byte[] json, Map<String, byte[]> fields) {
        this.values = values;
        this.json = json;
        this.fields = fields;
    }

    static RenderedFeatures of(Map<String, Entitlement> values) {
        Map<String, Object> all = new LinkedHashMap<>();
        Map<String, byte[]> fields = new LinkedHashMap<>();
        for (Entitlement entitlement : values.values()) {
            Map<String, Object> members = SnapshotJson.members(entitlement);
            all.put(entitlement.feature(), members);
            Map<String, Object> single = new LinkedHashMap<>();
            single.put("feature", entitlement.feature());
            single.putAll(members);
            byte[] object = SnapshotJson.JSON.writeValueAsBytes(single);
            fields.put(entitlement.feature(), java.util.Arrays.copyOfRange(object, 1, object.length - 1));
        }
        return new RenderedFeatures(values, SnapshotJson.JSON.writeValueAsBytes(all), fields);
    }

    Map<String, Entitlement> values() {
        return values;
    }

    byte[] json() {
        return json;
    }

    byte[] fields(String feature) {
        return fields.get(feature);
    }
}
