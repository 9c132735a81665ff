package com.abacus.entitlements.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.abacus.entitlements.Entitlement;
import com.abacus.entitlements.EntitlementSnapshot;
import com.abacus.shared.AccountId;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The answers assembled from shared parts read exactly as the documented JSON. */
class SnapshotJsonTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant COMPUTED = Instant.parse("2026-12-04T10:15:30.123456Z");

    static Map<String, Entitlement> features() {
        Map<String, Entitlement> features = new TreeMap<>();
        features.put("load_balancers", new Entitlement("load_balancers", true, 5L, "plan:edge-pro-monthly", null));
        features.put(
                "sso", new Entitlement("sso", true, null, "trial:\"quoted\"", Instant.parse("2027-01-01T00:00:00Z")));
        return features;
    }

    @Test
    void theWholeDocumentHasEveryMemberWithItsValue() {
        AccountId account = AccountId.random();
        CachedEntitlements cached =
                SnapshotJson.render(new EntitlementSnapshot(account, 7, COMPUTED, features(), null), 0);

        JsonNode document = JSON.readTree(cached.json());

        assertThat(document.propertyNames()).containsExactly("accountId", "version", "computedAt", "features");
        assertThat(document.path("accountId").asString()).isEqualTo(account.toString());
        assertThat(document.path("version").asLong()).isEqualTo(7);
        assertThat(document.path("computedAt").asString()).isEqualTo("2026-12-04T10:15:30.123456Z");
        JsonNode sso = document.path("features").path("sso");
        assertThat(sso.path("enabled").asBoolean()).isTrue();
        assertThat(sso.path("limit").isNull()).isTrue();
        assertThat(sso.path("source").asString()).isEqualTo("trial:\"quoted\"");
        assertThat(sso.path("validUntil").asString()).isEqualTo("2027-01-01T00:00:00Z");
        assertThat(document.path("features")
                        .path("load_balancers")
                        .path("limit")
                        .asLong())
                .isEqualTo(5);
        assertThat(cached.etag()).isEqualTo("\"7\"");
    }

    @Test
    void oneFeatureHasTheAccountTheFeatureItsValueAndTheVersion() {
        AccountId account = AccountId.random();
        CachedEntitlements cached =
                SnapshotJson.render(new EntitlementSnapshot(account, 3, COMPUTED, features(), null), 0);

        JsonNode feature = JSON.readTree(cached.featureJson("load_balancers"));

        assertThat(feature.propertyNames())
                .containsExactly("accountId", "feature", "enabled", "limit", "source", "validUntil", "version");
        assertThat(feature.path("accountId").asString()).isEqualTo(account.toString());
        assertThat(feature.path("feature").asString()).isEqualTo("load_balancers");
        assertThat(feature.path("limit").asLong()).isEqualTo(5);
        assertThat(feature.path("validUntil").isNull()).isTrue();
        assertThat(feature.path("version").asLong()).isEqualTo(3);
        assertThat(cached.featureJson("unknown_feature")).isNull();
    }

    @Test
    void accountsWithEqualValuesShareOneRenderingThatReadsBackAsTheirValues() {
        CachedEntitlements one =
                SnapshotJson.render(new EntitlementSnapshot(AccountId.random(), 1, COMPUTED, features(), null), 0);
        CachedEntitlements other =
                SnapshotJson.render(new EntitlementSnapshot(AccountId.random(), 4, COMPUTED, features(), null), 0);
        Map<String, Entitlement> different = new TreeMap<>(features());
        different.remove("sso");
        CachedEntitlements third =
                SnapshotJson.render(new EntitlementSnapshot(AccountId.random(), 1, COMPUTED, different, null), 0);

        assertThat(other.features()).isSameAs(one.features());
        assertThat(other.snapshot().features()).isEqualTo(features());
        assertThat(third.features()).isNotSameAs(one.features());
        assertThat(JSON.readTree(third.json()).path("features").propertyNames()).containsExactly("load_balancers");
    }
}
