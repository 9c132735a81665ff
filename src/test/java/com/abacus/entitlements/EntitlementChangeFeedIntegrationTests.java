package com.abacus.entitlements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.abacus.ApiClient;
import com.abacus.IntegrationTest;
import com.abacus.TestClock;
import com.abacus.TestCustomers;
import com.abacus.TestCustomers.Customer;
import com.abacus.accounts.StaffDirectory;
import com.abacus.accounts.TokenScope;
import com.abacus.entitlements.internal.EntitlementJobs;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The change feed as a service uses it: a copy of every account's entitlements, kept current by following
 * {@code /internal/v1/entitlements/changes} the way the README's recipe does.
 */
@IntegrationTest
class EntitlementChangeFeedIntegrationTests {

    static final String FEED = "/internal/v1/entitlements/changes";
    static final Duration WITHIN = Duration.ofSeconds(1);

    @LocalServerPort
    int port;

    @Autowired
    TestCustomers customers;

    @Autowired
    Entitlements entitlements;

    @Autowired
    EntitlementJobs entitlementJobs;

    @Autowired
    StaffDirectory staff;

    @Autowired
    TestClock clock;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** The README's recipe: start at {@code latest}, apply each change (a higher version wins), ask from next. */
    final class Follower implements AutoCloseable {

        final Map<String, JsonNode> copy = new ConcurrentHashMap<>();
        private volatile boolean stopped;
        private final Thread thread;

        Follower() {
            String start = api.get(FEED + "?after=latest", TestCustomers.SERVICE_TOKEN)
                    .json()
                    .path("next")
                    .asString();
            thread = new Thread(() -> follow(start), "feed-follower");
            thread.setDaemon(true);
            thread.start();
        }

        private void follow(String position) {
            while (!stopped) {
                var page = api.get(FEED + "?after=" + position + "&wait=5", TestCustomers.SERVICE_TOKEN);
                if (page.status() != 200) {
                    continue;
                }
                for (JsonNode change : page.json().path("changes")) {
                    copy.merge(
                            change.path("accountId").asString(),
                            change,
                            (held, fresh) -> fresh.path("version").asLong()
                                            > held.path("version").asLong()
                                    ? fresh
                                    : held);
                }
                position = page.json().path("next").asString();
            }
        }

        JsonNode feature(Customer customer, String feature) {
            JsonNode account = copy.get(customer.id().toString());
            return account == null ? null : account.path("features").path(feature);
        }

        @Override
        public void close() throws InterruptedException {
            stopped = true;
            thread.join(Duration.ofSeconds(10).toMillis());
        }
    }

    @Test
    void aFollowersCopyFollowsAnUpgradeACancellationAtPeriodEndAndATrialExpiryWithinASecond() throws Exception {
        try (Follower follower = new Follower()) {
            Customer customer = customers.create();
            var order = api.post(
                    "/api/v1/orders",
                    customer.apiKey(),
                    UUID.randomUUID().toString(),
                    TestCustomers.order("edge-pro-monthly", "USD", TestCustomers.CARD_OK));
            assertThat(order.status()).isEqualTo(201);
            String subscription = order.json().path("subscriptionId").asString();
            awaitLimit(follower, customer, "load_balancers", 5);

            var upgrade = api.post(
                    "/api/v1/subscriptions/" + subscription + "/change",
                    customer.apiKey(),
                    UUID.randomUUID().toString(),
                    "{\"plan\":\"edge-business-monthly\"}");
            assertThat(upgrade.status()).as(upgrade.body()).isEqualTo(200);
            awaitLimit(follower, customer, "load_balancers", 20);

            var cancel = api.post(
                    "/api/v1/subscriptions/" + subscription + "/cancel",
                    customer.apiKey(),
                    UUID.randomUUID().toString(),
                    "");
            assertThat(cancel.status()).isEqualTo(200);
            String periodEnd = cancel.json().path("currentPeriodEnd").asString();
            await().atMost(WITHIN)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> follower.feature(customer, "load_balancers") != null
                            && !follower.feature(customer, "load_balancers")
                                    .path("validUntil")
                                    .isNull());
            if (!periodEnd.isEmpty()) {
                assertThat(Instant.parse(follower.feature(customer, "load_balancers")
                                .path("validUntil")
                                .asString()))
                        .isEqualTo(Instant.parse(periodEnd));
            }

            Instant end = Instant.parse(follower.feature(customer, "load_balancers")
                    .path("validUntil")
                    .asString());
            clock.set(end.plusSeconds(60));
            assertThat(entitlementJobs.expireDue()).isGreaterThanOrEqualTo(1);
            await().atMost(WITHIN)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> follower.copy
                            .get(customer.id().toString())
                            .path("features")
                            .path("load_balancers")
                            .isMissingNode());
            clock.reset();

            Customer trialist = customers.create();
            var trial = entitlements.grantTrial(
                    trialist.account().id(), null, Map.of("load_balancers", "3"), 2, "Proof of concept", "test");
            awaitLimit(follower, trialist, "load_balancers", 3);
            clock.set(trial.endsAt().plusSeconds(1));
            assertThat(entitlementJobs.expireDue()).isGreaterThanOrEqualTo(1);
            await().atMost(WITHIN)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> follower.copy
                            .get(trialist.id().toString())
                            .path("features")
                            .path("load_balancers")
                            .isMissingNode());
        }
    }

    @Test
    void fromZeroEveryAccountComesInPagesUntilThereIsNoMore() {
        Customer first = buyer();
        Customer second = buyer();
        Set<String> seen = new HashSet<>();
        String position = "0";
        boolean more = true;
        int pages = 0;
        while (more) {
            var page = api.get(FEED + "?after=" + position + "&limit=2&wait=0", TestCustomers.SERVICE_TOKEN);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().path("changes").size()).isLessThanOrEqualTo(2);
            page.json()
                    .path("changes")
                    .forEach(change -> seen.add(change.path("accountId").asString()));
            more = page.json().path("hasMore").asBoolean();
            position = page.json().path("next").asString();
            pages++;
        }
        assertThat(seen).contains(first.id().toString(), second.id().toString());
        assertThat(pages).isGreaterThan(1);

        long started = System.nanoTime();
        var quiet = api.get(FEED + "?after=" + position + "&wait=1", TestCustomers.SERVICE_TOKEN);
        assertThat(quiet.json().path("changes").size()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void badPositionsLimitsAndWaitsAreProblemsAndTheFeedNeedsTheReadScope() {
        for (String query : List.of(
                "",
                "?after=",
                "?after=abc",
                "?after=-1",
                "?after=0&limit=0",
                "?after=0&limit=1001",
                "?after=0&wait=31",
                "?after=0&wait=x")) {
            var answer = api.get(FEED + query, TestCustomers.SERVICE_TOKEN);
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.contentType()).as(query).startsWith("application/problem+json");
        }
        assertThat(api.get(FEED + "?after=abc", TestCustomers.SERVICE_TOKEN).body())
                .contains("after");
        assertThat(api.get(FEED + "?after=0&limit=0", TestCustomers.SERVICE_TOKEN)
                        .body())
                .contains("limit");

        assertThat(api.get(FEED + "?after=latest", null).status()).isEqualTo(401);
        staff.registerServiceToken("feed usage", "abs_test_feed_usage_only", List.of(TokenScope.USAGE_WRITE));
        assertThat(api.get(FEED + "?after=latest", "abs_test_feed_usage_only").status())
                .isEqualTo(403);
    }

    private void awaitLimit(Follower follower, Customer customer, String feature, long limit) {
        await().atMost(WITHIN)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> follower.feature(customer, feature) != null
                        && follower.feature(customer, feature).path("limit").asLong() == limit);
    }

    private Customer buyer() {
        return customers.buyer(api, "edge-pro-monthly");
    }
}
