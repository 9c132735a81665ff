package com.abacus.entitlements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.abacus.ApiClient;
import com.abacus.IntegrationTest;
import com.abacus.SecondInstance;
import com.abacus.TestCustomers;
import com.abacus.TestCustomers.Customer;
import com.abacus.entitlements.internal.cache.EntitlementCache;
import com.abacus.shared.AccountId;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the near cache cannot answer: accounts in no cache at all, accounts that never had a snapshot, and many of
 * them at once, as after Redis is lost and instances restart.
 */
@IntegrationTest
class EntitlementMissesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestCustomers customers;

    @Autowired
    EntitlementCache cache;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry registry;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void anAccountThatNeverHadASnapshotGetsAnEmptyVersionZeroStoredOnceAndAPurchaseSupersedesIt() {
        Customer customer = customers.create();
        assertThat(storedVersion(customer)).isNull();

        var first = api.get(path(customer), TestCustomers.SERVICE_TOKEN);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().path("features").size()).isZero();
        assertThat(first.json().path("version").asLong()).isZero();
        assertThat(first.header("ETag")).isEqualTo("\"0\"");
        await().atMost(Duration.ofSeconds(5)).until(() -> storedVersion(customer) != null);
        assertThat(storedVersion(customer)).isZero();

        forgetCopies(customer);
        var again = api.get(path(customer), TestCustomers.SERVICE_TOKEN);
        assertThat(again.json().path("version").asLong())
                .as("read back, not written again")
                .isZero();
        assertThat(again.json().path("computedAt").asString())
                .isEqualTo(first.json().path("computedAt").asString());
        assertThat(storedVersion(customer)).isZero();

        assertThat(api.post(
                                "/api/v1/orders",
                                customer.apiKey(),
                                UUID.randomUUID().toString(),
                                TestCustomers.order("edge-pro-monthly", "USD", TestCustomers.CARD_OK))
                        .status())
                .isEqualTo(201);
        var bought = api.get(path(customer), TestCustomers.SERVICE_TOKEN);
        assertThat(bought.json().path("version").asLong()).isEqualTo(1);
        assertThat(bought.json()
                        .path("features")
                        .path("load_balancers")
                        .path("limit")
                        .asLong())
                .isEqualTo(5);
    }

    @Test
    void concurrentMissesOfOneAccountShareOneLoad() throws Exception {
        Customer customer = buyer();
        forgetCopies(customer);
        double loadedBefore = batches().totalAmount();

        int readers = 32;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        try {
            List<Future<Long>> versions = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                versions.add(pool.submit(() -> {
                    start.await();
                    var answer = api.get(path(customer), TestCustomers.SERVICE_TOKEN);
                    assertThat(answer.status()).isEqualTo(200);
                    return answer.json().path("version").asLong();
                }));
            }
            start.countDown();
            for (Future<Long> version : versions) {
                assertThat(version.get()).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(batches().totalAmount() - loadedBefore)
                .as("accounts loaded for %d concurrent readers of one", readers)
                .isEqualTo(1.0);
    }

    @Test
    void aBulkReadOfAccountsInNoCacheLoadsThemInBatchesAndStoresEachFirstSnapshot() {
        List<Customer> registered = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            registered.add(customers.create());
        }
        Customer buyer = buyer();
        registered.add(buyer);
        registered.forEach(this::forgetCopies);
        long batchesBefore = batches().count();
        double loadedBefore = batches().totalAmount();

        String ids = registered.stream().map(c -> c.id().toString()).collect(Collectors.joining(","));
        var bulk = api.get("/internal/v1/entitlements?accountId=" + ids, TestCustomers.SERVICE_TOKEN);

        assertThat(bulk.status()).isEqualTo(200);
        assertThat(bulk.json().path("accounts").size()).isEqualTo(41);
        assertThat(bulk.json().path("missing").size()).isZero();
        assertThat(bulk.json()
                        .path("accounts")
                        .get(40)
                        .path("features")
                        .path("load_balancers")
                        .path("limit")
                        .asLong())
                .isEqualTo(5);
        assertThat(batches().totalAmount() - loadedBefore).isEqualTo(41.0);
        assertThat(batches().count() - batchesBefore)
                .as("batches for 41 accounts")
                .isLessThan(41);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> registered.subList(0, 40).stream().allMatch(c -> storedVersion(c) != null));
        registered.subList(0, 40).forEach(c -> assertThat(storedVersion(c)).isZero());
    }

    @Test
    void anAccountWithAPurchaseButNoStoredSnapshotIsComputedNotGivenAnEmptyOne() {
        Customer customer = buyer();
        jdbc.sql("delete from entitlement_snapshot where account_id = :id")
                .param("id", customer.account().id().value())
                .update();
        forgetCopies(customer);

        var answer = api.get(path(customer), TestCustomers.SERVICE_TOKEN);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()
                        .path("features")
                        .path("load_balancers")
                        .path("limit")
                        .asLong())
                .isEqualTo(5);
    }

    @Test
    void anIdThatIsNoAccountIsNotFoundAndGetsNoSnapshot() {
        AccountId nobody = AccountId.random();
        var answer = api.get("/internal/v1/accounts/" + nobody + "/entitlements", TestCustomers.SERVICE_TOKEN);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(jdbc.sql("select count(*) from entitlement_snapshot where account_id = :id")
                        .param("id", nobody.value())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aStartingInstanceLoadsTheStoredSnapshotsAndServesItsFirstReadsFromMemory() {
        Customer customer = buyer();
        redis.delete("abacus:ent:" + customer.id());

        try (SecondInstance warm = SecondInstance.start(Map.of())) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            warm.api().get("/actuator/health/readiness", null).status() == 200);
            var answer = warm.api().get(path(customer), TestCustomers.SERVICE_TOKEN);
            assertThat(answer.json()
                            .path("features")
                            .path("load_balancers")
                            .path("limit")
                            .asLong())
                    .isEqualTo(5);
            assertThat(missBatches(warm))
                    .as("loads of misses on the warmed instance")
                    .isZero();
        }
        // The same start without the warm start: its first read is a miss.
        redis.delete("abacus:ent:" + customer.id());
        try (SecondInstance cold = SecondInstance.start(Map.of("abacus.entitlements.warm-start", "false"))) {
            assertThat(cold.api()
                            .get(path(customer), TestCustomers.SERVICE_TOKEN)
                            .status())
                    .isEqualTo(200);
            assertThat(missBatches(cold)).isEqualTo(1);
        }
    }

    private static long missBatches(SecondInstance instance) {
        return instance.bean(MeterRegistry.class)
                .get("abacus.entitlements.miss.batch")
                .summary()
                .count();
    }

    private Customer buyer() {
        return customers.buyer(api, "edge-pro-monthly");
    }

    /** Leaves PostgreSQL's copy only: this instance's memory and Redis forget the account. */
    private void forgetCopies(Customer customer) {
        cache.clear();
        redis.delete("abacus:ent:" + customer.id());
    }

    private DistributionSummary batches() {
        return registry.get("abacus.entitlements.miss.batch").summary();
    }

    private Long storedVersion(Customer customer) {
        return jdbc.sql("select version from entitlement_snapshot where account_id = :id")
                .param("id", customer.account().id().value())
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    private static String path(Customer customer) {
        return "/internal/v1/accounts/" + customer.id() + "/entitlements";
    }
}
