package com.abacus.entitlements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.abacus.ApiClient;
import com.abacus.EmbeddedInfrastructure;
import com.abacus.IntegrationTest;
import com.abacus.SecondInstance;
import com.abacus.TestCustomers;
import com.abacus.TestCustomers.Customer;
import com.abacus.entitlements.internal.cache.RedisSnapshotStore;
import com.abacus.shared.AccountId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The internal entitlement API: what it answers, how fast changes spread, and how it survives its stores failing. */
@IntegrationTest
class EntitlementsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestCustomers customers;

    @Autowired
    Entitlements entitlements;

    @Autowired
    RedisSnapshotStore redis;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    String path(Customer customer) {
        return "/internal/v1/accounts/" + customer.id() + "/entitlements";
    }

    Customer buyer(String plan) {
        Customer customer = customers.create();
        var order = api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                TestCustomers.order(plan, "USD", TestCustomers.CARD_OK));
        assertThat(order.status()).isEqualTo(201);
        return customer;
    }

    @Test
    void answersWithSourcesVersionsEtagsAndBulk() {
        Customer customer = buyer("edge-pro-monthly");
        var all = api.get(path(customer), TestCustomers.SERVICE_TOKEN);
        assertThat(all.status()).isEqualTo(200);
        var features = all.json().path("features");
        assertThat(features.path("load_balancers").path("limit").asLong()).isEqualTo(5);
        assertThat(features.path("load_balancers").path("source").asString()).isEqualTo("plan:edge-pro-monthly");
        assertThat(features.path("priority_support").path("enabled").asBoolean())
                .isFalse();
        String etag = all.header("ETag");
        assertThat(etag).isEqualTo("\"" + all.json().path("version").asLong() + "\"");

        assertThat(api.get(path(customer), TestCustomers.SERVICE_TOKEN, "If-None-Match", etag)
                        .status())
                .isEqualTo(304);
        var one = api.get(path(customer) + "/image_resizing", TestCustomers.SERVICE_TOKEN);
        assertThat(one.json().path("enabled").asBoolean()).isTrue();
        assertThat(one.json().path("feature").asString()).isEqualTo("image_resizing");

        var unknownFeature = api.get(path(customer) + "/teleportation", TestCustomers.SERVICE_TOKEN);
        assertThat(unknownFeature.status()).isEqualTo(404);
        assertThat(unknownFeature.contentType()).startsWith("application/problem+json");
        var unknownAccount =
                api.get("/internal/v1/accounts/" + UUID.randomUUID() + "/entitlements", TestCustomers.SERVICE_TOKEN);
        assertThat(unknownAccount.status()).isEqualTo(404);
        assertThat(unknownAccount.json().path("code").asString()).isEqualTo("not-found");
        assertThat(api.get("/internal/v1/accounts/not-an-id/entitlements", TestCustomers.SERVICE_TOKEN)
                        .status())
                .isEqualTo(404);

        Customer other = buyer("stream-plus-monthly");
        String missing = UUID.randomUUID().toString();
        var bulk = api.get(
                "/internal/v1/entitlements?accountId=" + customer.id() + "&accountId=" + other.id() + "&accountId="
                        + missing,
                TestCustomers.SERVICE_TOKEN);
        assertThat(bulk.json().path("accounts")).hasSize(2);
        assertThat(bulk.json().path("missing").get(0).asString()).isEqualTo(missing);
        assertThat(bulk.json()
                        .path("accounts")
                        .get(1)
                        .path("features")
                        .path("live_inputs")
                        .path("limit")
                        .asLong())
                .isEqualTo(10);
    }

    /**
     * The documented maximum of 200 accounts fits: as a POST body (a URL of 200 ids is over the container's 8 KB line
     * limit), as comma-separated query values; a malformed id is refused by position, never reported "missing".
     */
    @Test
    void bulkTakesTheDocumentedMaximumByPostAndCommasAndRefusesMalformedIds() {
        Customer customer = buyer("edge-pro-monthly");
        List<String> ids = new java.util.ArrayList<>();
        ids.add(customer.id());
        for (int i = 1; i < 200; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        String body = "{\"accountIds\":["
                + ids.stream().map(id -> "\"" + id + "\"").collect(java.util.stream.Collectors.joining(",")) + "]}";
        var posted = api.post("/internal/v1/entitlements", TestCustomers.SERVICE_TOKEN, null, body);
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        assertThat(posted.json().path("accounts")).hasSize(1);
        assertThat(posted.json().path("missing")).hasSize(199);
        assertThat(posted.json()
                        .path("accounts")
                        .get(0)
                        .path("features")
                        .path("load_balancers")
                        .path("limit")
                        .asLong())
                .isEqualTo(5);

        var tooMany = api.post(
                "/internal/v1/entitlements",
                TestCustomers.SERVICE_TOKEN,
                null,
                body.replace("]}", ",\"" + UUID.randomUUID() + "\"]}"));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.contentType()).startsWith("application/problem+json");

        Customer other = buyer("stream-plus-monthly");
        var commas = api.get(
                "/internal/v1/entitlements?accountId=" + customer.id() + "," + other.id(), TestCustomers.SERVICE_TOKEN);
        assertThat(commas.status()).isEqualTo(200);
        assertThat(commas.json().path("accounts")).hasSize(2);
        assertThat(commas.json().path("missing")).isEmpty();

        var malformed = api.get(
                "/internal/v1/entitlements?accountId=" + customer.id() + "&accountId="
                        + customer.id().substring(0, 35) + "%22x",
                TestCustomers.SERVICE_TOKEN);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(malformed.json().path("errors").get(0).path("field").asString())
                .isEqualTo("accountId[1]");

        var malformedBody =
                api.post("/internal/v1/entitlements", TestCustomers.SERVICE_TOKEN, null, "{\"accountIds\":[\"x\", 7]}");
        assertThat(malformedBody.status()).isEqualTo(400);
        assertThat(malformedBody.json().path("errors").get(0).path("field").asString())
                .isEqualTo("accountIds[1]");
        assertThat(api.post("/internal/v1/entitlements", TestCustomers.SERVICE_TOKEN, null, "not json")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void anOlderSnapshotNeverOverwritesANewerOneInRedis() {
        AccountId account = AccountId.random();
        var newer = new EntitlementSnapshot(account, 5, Instant.now(), Map.of(), null);
        var older = new EntitlementSnapshot(
                account, 3, Instant.now(), Map.of("seats", new Entitlement("seats", true, 9L, "x", null)), null);
        assertThat(redis.putIfNewer(newer)).isTrue();
        assertThat(redis.putIfNewer(older)).isFalse();
        assertThat(redis.get(account).orElseThrow().version()).isEqualTo(5);
        assertThat(redis.putIfNewer(newer)).isFalse();
    }

    @Test
    void aPurchaseAndACancellationAreVisibleOnASecondInstanceWithinASecond() {
        try (SecondInstance other = SecondInstance.start(Map.of())) {
            ApiClient remote = other.api();
            Customer customer = customers.create();
            assertThat(remote.get(path(customer), TestCustomers.SERVICE_TOKEN)
                            .json()
                            .path("features")
                            .size())
                    .isZero();

            var order = api.post(
                    "/api/v1/orders",
                    customer.apiKey(),
                    UUID.randomUUID().toString(),
                    TestCustomers.order("edge-business-monthly", "USD", TestCustomers.CARD_OK));
            long bought = System.nanoTime();
            await().atMost(Duration.ofSeconds(1))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> remote.get(path(customer), TestCustomers.SERVICE_TOKEN)
                                    .json()
                                    .path("features")
                                    .path("load_balancers")
                                    .path("limit")
                                    .asLong()
                            == 20);
            long purchaseVisibleMs =
                    Duration.ofNanos(System.nanoTime() - bought).toMillis();

            String subscription = order.json().path("subscriptionId").asString();
            var cancel = entitlements.grantOverride(
                    customer.account().id(), "load_balancers", "0", "account suspended", "test", null);
            long changed = System.nanoTime();
            await().atMost(Duration.ofSeconds(1))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> remote.get(path(customer) + "/load_balancers", TestCustomers.SERVICE_TOKEN)
                                    .json()
                                    .path("limit")
                                    .asLong()
                            == 0);
            long changeVisibleMs = Duration.ofNanos(System.nanoTime() - changed).toMillis();
            org.slf4j.LoggerFactory.getLogger(getClass())
                    .info(
                            "Second instance saw the purchase after {} ms and the change after {} ms",
                            purchaseVisibleMs,
                            changeVisibleMs);
            assertThat(purchaseVisibleMs).isLessThan(1000);
            assertThat(changeVisibleMs).isLessThan(1000);
            assertThat(cancel.id()).isNotNull();
            assertThat(subscription).isNotBlank();
        }
    }

    @Test
    void redisDownServesFromTheNearCacheAndPostgresWithoutErrors() {
        Customer cached = buyer("edge-pro-monthly");
        assertThat(api.get(path(cached), TestCustomers.SERVICE_TOKEN).status()).isEqualTo(200);
        EmbeddedInfrastructure.stopRedis();
        try {
            for (int i = 0; i < 20; i++) {
                assertThat(api.get(path(cached), TestCustomers.SERVICE_TOKEN).status())
                        .isEqualTo(200);
            }
            Customer fresh = customers.create();
            var answer = api.get(path(fresh), TestCustomers.SERVICE_TOKEN);
            assertThat(answer.status()).isEqualTo(200);
            entitlements.grantOverride(fresh.account().id(), "origin_rules", "7", "support", "test", null);
            assertThat(api.get(path(fresh) + "/origin_rules", TestCustomers.SERVICE_TOKEN)
                            .json()
                            .path("limit")
                            .asLong())
                    .isEqualTo(7);
        } finally {
            EmbeddedInfrastructure.restartRedis();
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get(path(cached), TestCustomers.SERVICE_TOKEN).status() == 200);
        awaitRedisInUseAgain();
    }

    /** After a restart every pooled connection is dead; the pool's check replaces them before a write is lost. */
    @Test
    void theFirstWriteAfterARedisRestartReachesRedis() throws Exception {
        Customer customer = buyer("edge-pro-monthly");
        AccountId account = customer.account().id();
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.get(account).isPresent());
        // Several connections in the pool, as under load: all of them die with the restart.
        var readers = java.util.concurrent.Executors.newFixedThreadPool(8);
        for (int i = 0; i < 200; i++) {
            readers.submit(() -> redis.get(account));
        }
        readers.shutdown();
        assertThat(readers.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS))
                .isTrue();
        EmbeddedInfrastructure.stopRedis();
        EmbeddedInfrastructure.restartRedis();
        // Jobs may have met the outage and made the store skip Redis for redis-retry-after; wait that out, no more.
        await().atMost(Duration.ofSeconds(5)).until(redis::available);

        entitlements.grantOverride(account, "origin_rules", "9", "after a Redis restart", "test", null);

        long version = entitlements.current(account).orElseThrow().version();
        assertThat(redis.get(account))
                .as("the snapshot in Redis right after the write")
                .hasValueSatisfying(shared -> assertThat(shared.version()).isEqualTo(version));
        awaitRedisInUseAgain();
    }

    @Test
    void postgresDownServesCachedAccountsMarkedStaleAndNeverA500() throws Exception {
        Customer cached = buyer("edge-pro-monthly");
        assertThat(api.get(path(cached), TestCustomers.SERVICE_TOKEN).status()).isEqualTo(200);
        Customer notCached = customers.create();
        EmbeddedInfrastructure.stopRedis();
        setDatabaseOnline(false);
        try {
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        var answer = api.get(path(cached), TestCustomers.SERVICE_TOKEN);
                        assertThat(answer.status()).isEqualTo(200);
                        return "true".equals(answer.header("X-Entitlements-Stale"));
                    });
            var answer = api.get(path(cached), TestCustomers.SERVICE_TOKEN);
            assertThat(answer.json()
                            .path("features")
                            .path("load_balancers")
                            .path("limit")
                            .asLong())
                    .isEqualTo(5);
            var uncached = api.get(path(notCached), TestCustomers.SERVICE_TOKEN);
            assertThat(uncached.status()).isEqualTo(503);
            assertThat(uncached.contentType()).startsWith("application/problem+json");
        } finally {
            setDatabaseOnline(true);
            EmbeddedInfrastructure.restartRedis();
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        api.get(path(notCached), TestCustomers.SERVICE_TOKEN).status() == 200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get(path(cached), TestCustomers.SERVICE_TOKEN).header("X-Entitlements-Stale") == null);
        awaitRedisInUseAgain();
    }

    /** After an outage the store skips Redis for abacus.entitlements.redis-retry-after; the next test needs it back. */
    private void awaitRedisInUseAgain() {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> redis.available() && redis.runId().isPresent());
    }

    /** Takes the application's database away the way an outage does: new connections refused, open ones cut. */
    static void setDatabaseOnline(boolean online) throws Exception {
        String url = "jdbc:postgresql://localhost:" + EmbeddedInfrastructure.postgresPort() + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("alter database abacus allow_connections " + online);
            if (!online) {
                statement.execute(
                        "select pg_terminate_backend(pid) from pg_stat_activity where datname = 'abacus' and pid <> pg_backend_pid()");
            }
        }
    }
}
