package com.abacus.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.abacus.ApiClient;
import com.abacus.EmbeddedInfrastructure;
import com.abacus.IntegrationTest;
import com.abacus.SecondInstance;
import com.abacus.TestCustomers;
import com.abacus.TestCustomers.Customer;
import com.abacus.entitlements.Entitlements;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import redis.clients.jedis.Jedis;

/**
 * An entitlement change made while Redis is down reaches every instance within a second of Redis being reachable
 * again, even when Redis comes back empty: nothing waits for the near cache's revalidation (a minute here, as in
 * production) or for the Redis sync job (an hour here).
 */
@IntegrationTest
class RedisOutageIntegrationTests {

    static final Map<String, Object> PRODUCTION_TIMINGS = Map.of(
            "abacus.entitlements.revalidate-after", "60s",
            "abacus.entitlements.redis-sync-interval", "PT1H");

    @Autowired
    TestCustomers customers;

    @Test
    void aChangeMadeWhileRedisIsDownReachesEveryInstanceWithinASecondOfRedisReturningEmpty() throws Exception {
        try (SecondInstance a = SecondInstance.start(PRODUCTION_TIMINGS);
                SecondInstance b = SecondInstance.start(PRODUCTION_TIMINGS)) {
            Customer customer = customers.create();
            String path = "/internal/v1/accounts/" + customer.id() + "/entitlements/origin_rules";
            ApiClient onA = a.api();
            ApiClient onB = b.api();
            assertThat(onA.get(path, TestCustomers.SERVICE_TOKEN)
                            .json()
                            .path("limit")
                            .asLong())
                    .isZero();
            assertThat(onB.get(path, TestCustomers.SERVICE_TOKEN)
                            .json()
                            .path("limit")
                            .asLong())
                    .isZero();

            EmbeddedInfrastructure.stopRedis();
            try {
                a.bean(Entitlements.class)
                        .grantOverride(
                                customer.account().id(),
                                "origin_rules",
                                "12",
                                "granted during a Redis outage",
                                "test",
                                null);
                assertThat(onA.get(path, TestCustomers.SERVICE_TOKEN)
                                .json()
                                .path("limit")
                                .asLong())
                        .isEqualTo(12);
                assertThat(onB.get(path, TestCustomers.SERVICE_TOKEN)
                                .json()
                                .path("limit")
                                .asLong())
                        .as("B cannot know yet: the announcement was lost with Redis")
                        .isZero();
            } finally {
                EmbeddedInfrastructure.restartRedis();
            }
            try (Jedis jedis = new Jedis("localhost", EmbeddedInfrastructure.redisPort())) {
                jedis.flushAll();
            }
            await().atMost(Duration.ofSeconds(1))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> onB.get(path, TestCustomers.SERVICE_TOKEN)
                                    .json()
                                    .path("limit")
                                    .asLong()
                            == 12);
            assertThat(onA.get(path, TestCustomers.SERVICE_TOKEN)
                            .json()
                            .path("limit")
                            .asLong())
                    .isEqualTo(12);
        }
    }
}
