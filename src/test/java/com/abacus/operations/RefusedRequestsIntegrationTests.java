package com.abacus.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.abacus.ApiClient;
import com.abacus.IntegrationTest;
import com.abacus.TestClock;
import com.abacus.TestCustomers;
import com.abacus.TestCustomers.Customer;
import com.abacus.checkout.Checkout;
import com.abacus.checkout.Order;
import com.abacus.checkout.OrderId;
import com.abacus.payments.Charges;
import com.abacus.payments.Reconciliation;
import com.abacus.payments.Refunds;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Requests that used to answer 500, leak, charge twice or replay the wrong outcome; each is now refused with a clear
 * 4xx problem, or answered with the outcome as it is.
 */
@IntegrationTest
class RefusedRequestsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestCustomers customers;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Autowired
    Charges charges;

    @Autowired
    Refunds refunds;

    @Autowired
    Reconciliation reconciliation;

    @Autowired
    Checkout checkout;

    @Autowired
    TestClock clock;

    @AfterEach
    void backToRealTime() {
        clock.reset();
    }

    private static List<String> fields(ApiClient.Response problem) {
        List<String> fields = new ArrayList<>();
        problem.json()
                .path("errors")
                .forEach(error -> fields.add(error.path("field").asString()));
        return fields;
    }

    ApiClient api() {
        return new ApiClient(port);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {":", ":5", "a:b", "edge-extra-load-balancer:0", "edge-extra-load-balancer:101", "x:1:2", "%20"})
    void aQuoteWithAMalformedAddOnIsRefusedNamingTheField(String addOn) {
        Customer customer = customers.create();
        var quote = api().get("/api/v1/quote?plan=edge-pro-monthly&currency=USD&addOn=" + addOn, customer.apiKey());
        assertThat(quote.status()).as(quote.body()).isEqualTo(400);
        assertThat(quote.contentType()).startsWith("application/problem+json");
        assertThat(fields(quote)).as(quote.body()).contains("addOn");
    }

    /** The accepted window is 35 days back to 5 minutes ahead; events outside it are refused one by one. */
    @Test
    void usageEventsFromBeforeTheWindowAreRejectedOneByOneAndTheRestOfTheBatchIsRecorded() {
        Customer customer = customers.create();
        String now = Instant.now().toString();
        String batch = """
                {"events":[
                  {"id":"ok","metric":"image_transformations","quantity":5,"timestamp":"%s"},
                  {"id":"far-past","metric":"image_transformations","quantity":5,"timestamp":"-999999999-01-01T00:00:00Z"},
                  {"id":"year-zero","metric":"image_transformations","quantity":5,"timestamp":"0000-01-01T00:00:00Z"},
                  {"id":"1900","metric":"image_transformations","quantity":5,"timestamp":"1900-01-01T00:00:00Z"},
                  {"id":"last-year","metric":"image_transformations","quantity":5,"timestamp":"%s"}
                ]}""".formatted(now, Instant.now().minus(Duration.ofDays(365)));
        for (int attempt = 0; attempt < 2; attempt++) {
            var receipt = api().post(
                            "/api/v1/usage",
                            customer.apiKey(),
                            UUID.randomUUID().toString(),
                            batch);
            assertThat(receipt.status()).as(receipt.body()).isBetween(200, 202);
            assertThat(receipt.json().path("accepted").asInt()).isEqualTo(attempt == 0 ? 1 : 0);
            assertThat(receipt.json().path("rejected")).hasSize(4);
            assertThat(receipt.json().path("rejected").get(0).path("reason").asString())
                    .contains("older than the accepted window");
        }
        assertThat(jdbc.sql("select count(*) from usage_event where account_id = :a")
                        .param("a", customer.account().id().value())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000-01", "-999999999-01", "+999999999-12", "1999-12", "3000-01", "2026-13", "2026-1"})
    void revenuePeriodsOutsideTheBooksAreRefused(String period) throws Exception {
        mvc.perform(post("/api/v1/revenue/periods/" + period + "/close")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .with(user("finance").roles("FINANCE")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("period")));
        var export = api().get("/api/v1/revenue/exports/" + period + "?format=csv", TestCustomers.SERVICE_TOKEN);
        assertThat(export.status()).as(export.body()).isEqualTo(400);
        assertThat(export.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aConsolePageFarBeyondTheLastOneShowsNoRowsInsteadOfFailing() throws Exception {
        mvc.perform(get("/admin/accounts")
                        .param("q", "a")
                        .param("page", "107374183")
                        .with(user("paging").roles("SUPPORT")))
                .andExpect(status().isOk());
        mvc.perform(get("/admin/audit")
                        .param("page", "2147483647")
                        .with(user("paging").roles("ADMIN")))
                .andExpect(status().isOk());
    }

    /** A 3-D Secure order is accepted (202), then abandoned; a retry with its key learns it failed, not "accepted". */
    @Test
    void aFailedOrdersRetryAnswersTheFailureNeverAccepted() {
        Customer customer = customers.create();
        String key = UUID.randomUUID().toString();
        String body = TestCustomers.order("stream-basic-monthly", "USD", TestCustomers.card("4000000000003220"));
        var first = api().post("/api/v1/orders", customer.apiKey(), key, body);
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        String orderId = first.json().path("id").asString();

        clock.set(Instant.now().plus(Duration.ofDays(2)));
        reconciliation.reconcileNow();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> checkout.order(customer.account().id(), OrderId.of(orderId))
                                .status()
                        == Order.Status.FAILED);

        var retry = api().post("/api/v1/orders", customer.apiKey(), key, body);
        assertThat(retry.status()).as(retry.body()).isEqualTo(402);
        assertThat(retry.contentType()).startsWith("application/problem+json");
        assertThat(retry.json().path("orderId").asString()).isEqualTo(orderId);
        assertThat(retry.json().path("failureCode").asString()).isEqualTo("authentication_abandoned");
    }

    @Test
    void jsonOfTheWrongTypeIsRefusedNotConverted() {
        Customer customer = customers.create();
        var numberAsCard = api().post(
                        "/api/v1/orders", customer.apiKey(), UUID.randomUUID().toString(), """
                {"plan":"stream-basic-monthly","currency":"USD","paymentMethod":{"card":{"number":4242424242424242,"expMonth":12,"expYear":2031,"cvc":"123"}}}""");
        assertThat(numberAsCard.status()).as(numberAsCard.body()).isEqualTo(400);
        assertThat(fields(numberAsCard)).as(numberAsCard.body()).contains("paymentMethod.card.number");
        var textAsQuantity = api().post(
                        "/api/v1/usage", customer.apiKey(), UUID.randomUUID().toString(), """
                {"events":[{"id":"q","metric":"image_transformations","quantity":"5","timestamp":"%s"}]}""".formatted(Instant.now()));
        assertThat(textAsQuantity.status()).as(textAsQuantity.body()).isEqualTo(400);
        var textAsMonth = api().post(
                        "/api/v1/orders", customer.apiKey(), UUID.randomUUID().toString(), """
                {"plan":"stream-basic-monthly","currency":"USD","paymentMethod":{"card":{"number":"4242424242424242","expMonth":"12","expYear":2031,"cvc":"123"}}}""");
        assertThat(textAsMonth.status()).as(textAsMonth.body()).isEqualTo(400);
        var textAsTrial = api().post(
                        "/api/v1/orders", customer.apiKey(), UUID.randomUUID().toString(), """
                {"plan":"stream-basic-monthly","currency":"USD","trial":"true","paymentMethod":{"card":{"number":"4242424242424242","expMonth":12,"expYear":2031,"cvc":"123"}}}""");
        assertThat(textAsTrial.status()).as(textAsTrial.body()).isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from customer_order where account_id = :a")
                        .param("a", customer.account().id().value())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void noCardNumberIsStoredAnywhereBySandboxProcessors() {
        Customer customer = customers.create();
        var order = api().post(
                        "/api/v1/orders",
                        customer.apiKey(),
                        UUID.randomUUID().toString(),
                        TestCustomers.order("stream-basic-monthly", "USD", TestCustomers.card("5555555555554444")));
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        List<String> tokens = jdbc.sql("""
                select coalesce(legacy_token, '') || ' ' || coalesce(new_token, '') from payment_method where account_id = :a
                union all select coalesce(c.token, '') from sandbox_charge c join payment p on p.idempotency_key = c.idempotency_key
                where p.account_id = :a
                """)
                .param("a", customer.account().id().value())
                .query(String.class)
                .list();
        assertThat(tokens)
                .isNotEmpty()
                .noneMatch(token -> token.contains("5555555555554444") || token.contains("555555555555"));
        assertThat(tokens.get(0)).contains("succeeds").contains("4444");
    }

    @Test
    void anotherCustomersSubscriptionIsNotFoundWhateverTheRequestSays() {
        Customer owner = customers.create();
        var order = api().post(
                        "/api/v1/orders",
                        owner.apiKey(),
                        UUID.randomUUID().toString(),
                        TestCustomers.order("stream-basic-monthly", "USD", TestCustomers.CARD_OK));
        String subscription = order.json().path("subscriptionId").asString();
        Customer stranger = customers.create();
        // Whatever the body, another customer's subscription answers exactly as one that does not exist.
        for (String amount : List.of("\"abc\"", "\"1e3000000\"", "\"5.001\"", "\"5.00\"", "null")) {
            String body = "{\"plan\":\"stream-plus-monthly\",\"expectedAmount\":" + amount + "}";
            var change = api().post(
                            "/api/v1/subscriptions/" + subscription + "/change",
                            stranger.apiKey(),
                            UUID.randomUUID().toString(),
                            body);
            var unknown = api().post(
                            "/api/v1/subscriptions/" + UUID.randomUUID() + "/change",
                            stranger.apiKey(),
                            UUID.randomUUID().toString(),
                            body);
            assertThat(change.status())
                    .as(amount + ": " + change.body())
                    .isEqualTo(unknown.status())
                    .isIn(400, 404);
            assertThat(change.json().path("code").asString())
                    .isEqualTo(unknown.json().path("code").asString());
        }
        var valid = api().post(
                        "/api/v1/subscriptions/" + subscription + "/change",
                        stranger.apiKey(),
                        UUID.randomUUID().toString(),
                        "{\"plan\":\"stream-plus-monthly\",\"expectedAmount\":\"5.001\"}");
        assertThat(valid.status())
                .as("an amount wrong only for the subscription's currency: " + valid.body())
                .isEqualTo(404);
    }

    /** Three tabs buy the same product with three keys at once: one subscription, one charge, no refunds. */
    @Test
    void concurrentOrdersForOneProductChargeTheCardOnce() throws Exception {
        Customer customer = customers.create();
        int tabs = 3;
        ExecutorService pool = Executors.newFixedThreadPool(tabs);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ApiClient.Response>> responses = new ArrayList<>();
        for (int i = 0; i < tabs; i++) {
            responses.add(pool.submit(() -> {
                go.await();
                return api().post(
                                "/api/v1/orders",
                                customer.apiKey(),
                                UUID.randomUUID().toString(),
                                TestCustomers.order("stream-basic-monthly", "USD", TestCustomers.CARD_OK));
            }));
        }
        go.countDown();
        List<Integer> answered = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (Future<ApiClient.Response> response : responses) {
            answered.add(response.get().status());
            bodies.add(response.get().body());
        }
        pool.shutdown();
        assertThat(answered)
                .as(bodies.toString())
                .containsOnlyOnce(201)
                .filteredOn(s -> s != 201)
                .containsOnly(409);
        // A fourth tab, after the first order completed, is refused the same way.
        var later = api().post(
                        "/api/v1/orders",
                        customer.apiKey(),
                        UUID.randomUUID().toString(),
                        TestCustomers.order("stream-basic-monthly", "USD", TestCustomers.CARD_OK));
        assertThat(later.status()).as(later.body()).isEqualTo(409);
        assertThat(later.json().path("code").asString()).isEqualTo("already-subscribed");
        assertThat(charges.paymentsOf(customer.account().id())).hasSize(1);
        assertThat(refunds.refundsOf(customer.account().id())).isEmpty();
    }

    @Test
    void aSignedWebhookEventWithoutAnIdIsRefused() throws Exception {
        for (String event : List.of(
                "{\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{\"id\":\"pi_x\"}}}",
                "{\"id\":\"\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{}}}",
                "{\"id\":42,\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{}}}")) {
            long t = Instant.now().getEpochSecond();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("whsec_test_new_processor".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature = "t=" + t + ",v1="
                    + HexFormat.of().formatHex(mac.doFinal((t + "." + event).getBytes(StandardCharsets.UTF_8)));
            var answer = api().post("/webhooks/stripe", null, null, event, "Stripe-Signature", signature);
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(fields(answer)).as(answer.body()).contains("id");
        }
        assertThat(jdbc.sql("select count(*) from processor_webhook_event where event_id = ''")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aHugeExponentAsARefundAmountIsRefusedAtOnce() throws Exception {
        Customer customer = customers.create();
        api().post(
                        "/api/v1/orders",
                        customer.apiKey(),
                        UUID.randomUUID().toString(),
                        TestCustomers.order("stream-basic-monthly", "USD", TestCustomers.CARD_OK));
        var payment = charges.paymentsOf(customer.account().id()).get(0);
        mvc.perform(post("/admin/payments/" + payment.id() + "/refund/review")
                        .header("HX-Request", "true")
                        .param("amount", "1e3000000")
                        .param("reason", "x")
                        .param("key", UUID.randomUUID().toString())
                        .with(user("agent").roles("ADMIN"))
                        .with(csrf()))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("is not a decimal number")));
        assertThat(refunds.refunds(payment.id())).isEmpty();
    }
}
