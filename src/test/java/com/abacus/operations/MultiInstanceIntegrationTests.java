package com.abacus.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.abacus.ApiClient;
import com.abacus.EmbeddedInfrastructure;
import com.abacus.IntegrationTest;
import com.abacus.SecondInstance;
import com.abacus.TestClock;
import com.abacus.TestCustomers;
import com.abacus.TestCustomers.Customer;
import com.abacus.entitlements.Entitlements;
import com.abacus.invoicing.InvoiceRun;
import com.abacus.invoicing.InvoiceRuns;
import com.abacus.invoicing.Invoicing;
import com.abacus.payments.Charges;
import com.abacus.subscriptions.SubscriptionId;
import com.abacus.subscriptions.SubscriptionStatus;
import com.abacus.subscriptions.Subscriptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two application instances on one PostgreSQL and one Redis, as behind a load balancer: jobs run once, changes on
 * one are seen on the other, and Redis restarting does not break it.
 */
@IntegrationTest
class MultiInstanceIntegrationTests {

    static SecondInstance other;

    @LocalServerPort
    int port;

    @Autowired
    TestCustomers customers;

    @Autowired
    Invoicing invoicing;

    @Autowired
    InvoiceRuns invoiceRuns;

    @Autowired
    Subscriptions subscriptions;

    @Autowired
    Entitlements entitlements;

    @Autowired
    Charges charges;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startSecondInstance() {
        other = SecondInstance.start(Map.of());
    }

    @AfterEach
    void backToRealTime() {
        clock.reset();
        other.clock().reset();
    }

    @AfterAll
    static void stopSecondInstance() {
        other.close();
    }

    @Test
    void anOrderPlacedOnOneInstanceIsVisibleOnTheOther() {
        Customer customer = customers.create();
        String key = UUID.randomUUID().toString();
        String body = TestCustomers.order("edge-pro-monthly", "USD", TestCustomers.CARD_OK);
        var order = new ApiClient(port).post("/api/v1/orders", customer.apiKey(), key, body);
        var seen = other.api().get("/api/v1/orders/" + order.json().path("id").asString(), customer.apiKey());
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.json().path("status").asString()).isEqualTo("completed");
        // A retry of the same request through the other instance replays the first answer: one order, one charge.
        var retry = other.api().post("/api/v1/orders", customer.apiKey(), key, body);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(order.body());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    }

    /**
     * The invoice run is the scheduled job that renews, converts trials and retries dunning; both instances fire it at
     * the same moment and one does the work: each subscription is renewed and charged once.
     */
    @Test
    void theInvoiceRunRunsOnceWhenBothInstancesStartItTogether() throws Exception {
        Customer paying = customers.create();
        SubscriptionId renewing = buy(paying, "stream-basic-monthly", false);
        Customer trying = customers.create();
        SubscriptionId trialing = buy(trying, "edge-pro-monthly", true);
        Instant due = subscriptions.get(renewing).currentPeriod().end().plusSeconds(60);
        assertThat(subscriptions.get(trialing).trialEnd()).isBefore(due);
        clock.set(due);
        other.clock().set(due);
        InvoiceRuns otherInvoicing = other.bean(InvoiceRuns.class);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Optional<InvoiceRun>>> runs = new ArrayList<>();
        runs.add(pool.submit(() -> {
            go.await();
            return invoiceRuns.runNow(due, "instance-a");
        }));
        runs.add(pool.submit(() -> {
            go.await();
            return otherInvoicing.runNow(due, "instance-b");
        }));
        go.countDown();
        int executed = 0;
        for (Future<Optional<InvoiceRun>> run : runs) {
            executed += run.get().isPresent() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(executed).as("runs that got the cluster-wide lock").isEqualTo(1);
        assertThat(subscriptions.get(renewing).periodIndex()).isEqualTo(1);
        assertThat(invoicing.invoices(paying.account().id())).hasSize(2);
        assertThat(charges.paymentsOf(paying.account().id())).hasSize(2);
        assertThat(subscriptions.get(trialing).status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(charges.paymentsOf(trying.account().id())).hasSize(1);

        // Run again on either instance: nothing is due, nothing is charged.
        assertThat(otherInvoicing.runNow(due, "instance-b").orElseThrow().invoiced())
                .isZero();
        assertThat(charges.paymentsOf(paying.account().id())).hasSize(2);
    }

    private SubscriptionId buy(Customer customer, String plan, boolean trial) {
        var order = new ApiClient(port)
                .post(
                        "/api/v1/orders",
                        customer.apiKey(),
                        UUID.randomUUID().toString(),
                        "{\"plan\":\"" + plan + "\",\"currency\":\"USD\",\"trial\":" + trial + ",\"paymentMethod\":"
                                + TestCustomers.CARD_OK + "}");
        assertThat(order.status()).isEqualTo(201);
        return SubscriptionId.of(order.json().path("subscriptionId").asString());
    }

    @Test
    void entitlementChangesOnEitherInstanceReachTheOtherEvenAcrossARedisRestart() throws Exception {
        Customer customer = customers.create();
        String path = "/internal/v1/accounts/" + customer.id() + "/entitlements/origin_rules";
        ApiClient here = new ApiClient(port);
        assertThat(here.get(path, TestCustomers.SERVICE_TOKEN)
                        .json()
                        .path("limit")
                        .asLong())
                .isZero();
        assertThat(other.api()
                        .get(path, TestCustomers.SERVICE_TOKEN)
                        .json()
                        .path("limit")
                        .asLong())
                .isZero();

        other.bean(Entitlements.class)
                .grantOverride(customer.account().id(), "origin_rules", "12", "from b", "test", null);
        await().atMost(Duration.ofSeconds(1))
                .until(() -> here.get(path, TestCustomers.SERVICE_TOKEN)
                                .json()
                                .path("limit")
                                .asLong()
                        == 12);

        EmbeddedInfrastructure.stopRedis();
        EmbeddedInfrastructure.restartRedis();
        entitlements.grantOverride(
                customer.account().id(), "origin_rules", "30", "from a after a Redis restart", "test", null);
        // The restarted Redis came back with its saved copy of version 2, and this write may not reach it; the sync job
        // pushes the new version and re-announces it.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> other.api()
                                .get(path, TestCustomers.SERVICE_TOKEN)
                                .json()
                                .path("limit")
                                .asLong()
                        == 30);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> here.get(path, TestCustomers.SERVICE_TOKEN)
                                .json()
                                .path("limit")
                                .asLong()
                        == 30);
    }

    @Test
    void failedSignInsCountOnEveryInstance() throws Exception {
        String username = "multi-" + UUID.randomUUID();
        other.bean(com.abacus.accounts.StaffDirectory.class)
                .createStaffUser(
                        username, "Multi", "right-password-1", java.util.Set.of(com.abacus.accounts.StaffRole.SUPPORT));
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(port, username, "guess-" + i)).isEqualTo(302);
        }
        assertThat(signIn(other.port(), username, "right-password-1"))
                .as("the other instance knows of the five failures")
                .isEqualTo(429);
    }

    /** A browser's sign-in: fetch the form (session and CSRF token), post it; answers the status. */
    private static int signIn(int port, String username, String password) throws Exception {
        var http = java.net.http.HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager())
                .build();
        String form = http.send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://localhost:" + port + "/admin/login"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
        var csrf = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"")
                .matcher(form);
        assertThat(csrf.find()).as("CSRF token in the sign-in form").isTrue();
        String body = "username=" + username + "&password=" + password + "&_csrf="
                + java.net.URLEncoder.encode(csrf.group(1), java.nio.charset.StandardCharsets.UTF_8);
        return http.send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://localhost:" + port + "/admin/login"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
