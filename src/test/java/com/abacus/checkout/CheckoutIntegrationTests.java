package com.abacus.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.abacus.ApiClient;
import com.abacus.IntegrationTest;
import com.abacus.TestCustomers;
import com.abacus.TestCustomers.Customer;
import com.abacus.payments.Charges;
import com.abacus.shared.AccountId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Flow 1: pick a plan, pay, subscription active, entitlements served, all in the call the customer waits on. */
@IntegrationTest
class CheckoutIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestCustomers customers;

    @Autowired
    Charges charges;

    @Autowired
    com.abacus.payments.Cards cards;

    @Autowired
    com.abacus.payments.CardAuthentication authentication;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void checkoutActivatesTheSubscriptionAndGrantsEntitlementsBeforeAnswering() {
        Customer customer = customers.create();

        var quote = api.get(
                "/api/v1/quote?plan=edge-pro-monthly&currency=USD&addOn=edge-extra-load-balancer:2", customer.apiKey());
        assertThat(quote.status()).isEqualTo(200);
        assertThat(quote.json().path("total").path("amount").asString()).isEqualTo("60.00");

        var order = api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                "{\"plan\":\"edge-pro-monthly\",\"currency\":\"USD\",\"addOns\":{\"edge-extra-load-balancer\":2},\"paymentMethod\":"
                        + TestCustomers.CARD_OK + "}");
        assertThat(order.status()).isEqualTo(201);
        assertThat(order.json().path("status").asString()).isEqualTo("completed");
        assertThat(order.json().path("total").path("amount").asString()).isEqualTo("60.00");
        assertThat(order.header("Location"))
                .isEqualTo("/api/v1/orders/" + order.json().path("id").asString());

        var subscriptions = api.get("/api/v1/subscriptions", customer.apiKey()).json();
        assertThat(subscriptions).hasSize(1);
        assertThat(subscriptions.get(0).path("status").asString()).isEqualTo("active");
        assertThat(subscriptions.get(0).path("plan").asString()).isEqualTo("edge-pro-monthly");

        // No waiting: the answer above came after the entitlements were granted.
        var entitlements =
                api.get("/internal/v1/accounts/" + customer.id() + "/entitlements", TestCustomers.SERVICE_TOKEN);
        assertThat(entitlements.status()).isEqualTo(200);
        assertThat(entitlements
                        .json()
                        .path("features")
                        .path("load_balancers")
                        .path("limit")
                        .asLong())
                .isEqualTo(7);
        assertThat(entitlements
                        .json()
                        .path("features")
                        .path("image_resizing")
                        .path("enabled")
                        .asBoolean())
                .isTrue();
    }

    /**
     * The order, its subscription and its entitlement snapshot commit together (the snapshot is read here from
     * PostgreSQL, not from a cache, right after the answer), and the first invoice, paid at issue, reaches revenue as
     * billed and paid from its one InvoiceFinalized event.
     */
    @Test
    void aPaidOrderCommitsWithItsEntitlementsAndItsInvoiceIsPostedBilledAndPaid() {
        Customer customer = customers.create();
        var order = api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                TestCustomers.order("edge-pro-monthly", "USD", TestCustomers.CARD_OK));
        assertThat(order.status()).isEqualTo(201);

        assertThat(jdbc.sql("select count(*) from entitlement_snapshot where account_id = :account")
                        .param("account", customer.account().id().value())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("""
                        select count(*) from revenue_entry e join invoice i on i.id = e.source_id
                        where i.account_id = :account and i.status = 'PAID' and e.amount_minor = i.total_minor
                          and e.kind in ('BILLED', 'PAID')
                        """)
                                .param("account", customer.account().id().value())
                                .query(Integer.class)
                                .single()
                        == 2);
        assertThat(jdbc.sql(
                                "select count(*) from revenue_schedule s join invoice i on i.id = s.invoice_id where i.account_id = :account")
                        .param("account", customer.account().id().value())
                        .query(Integer.class)
                        .single())
                .isPositive();
    }

    @Test
    void aDeclinedCardLeavesNoSubscriptionAndAClearProblem() {
        Customer customer = customers.create();
        var response = api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                TestCustomers.order("edge-pro-monthly", "USD", TestCustomers.card("4000000000009995")));

        assertThat(response.status()).isEqualTo(402);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("code").asString()).isEqualTo("payment-declined");
        assertThat(response.json().path("declineCode").asString()).isEqualTo("insufficient_funds");
        String orderId = response.json().path("orderId").asString();
        assertThat(api.get("/api/v1/orders/" + orderId, customer.apiKey())
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("failed");
        assertThat(api.get("/api/v1/subscriptions", customer.apiKey()).json()).isEmpty();
        // The declined card is not kept: it would be the default that renewals fail on.
        assertThat(cards.paymentMethods(customer.account().id())).isEmpty();
    }

    /**
     * A card that worked is kept once, however often it is given again; a declined card given after it is not kept and
     * does not take its place as the default.
     */
    @Test
    void aCardIsSavedOnceAndADeclinedCardNeverBecomesTheDefault() {
        Customer customer = customers.create();
        assertThat(api.post(
                                "/api/v1/orders",
                                customer.apiKey(),
                                UUID.randomUUID().toString(),
                                TestCustomers.order("edge-pro-monthly", "USD", TestCustomers.CARD_OK))
                        .status())
                .isEqualTo(201);
        var listed = api.get("/api/v1/payment-methods", customer.apiKey()).json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("type").asString()).isEqualTo("card");
        assertThat(listed.get(0).path("last4").asString()).isEqualTo("4242");
        var again = cards.addCard(
                customer.account().id(), new com.abacus.payments.CardInput("4242 4242 4242 4242", 12, 2031, "123"));
        var saved = cards.paymentMethods(customer.account().id());
        assertThat(saved).hasSize(1);
        assertThat(again.id()).isEqualTo(saved.get(0).id());
        assertThat(saved.get(0).isDefault()).isTrue();

        var declined = api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                TestCustomers.order("stream-basic-monthly", "USD", TestCustomers.card("4000000000000002")));
        assertThat(declined.status()).isEqualTo(402);
        var after = cards.paymentMethods(customer.account().id());
        assertThat(after).hasSize(1);
        assertThat(after.get(0).last4()).isEqualTo("4242");
        assertThat(after.get(0).isDefault()).isTrue();
    }

    /**
     * A 3-D Secure order waits for the customer; when the customer fails the bank's challenge, the order fails, no
     * subscription starts and the card is not kept; answering again is refused (the payment no longer waits).
     */
    @Test
    void aFailedBankAuthenticationFailsTheOrderAndKeepsNoCard() {
        Customer customer = customers.create();
        var placed = api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                TestCustomers.order("stream-basic-monthly", "USD", TestCustomers.card("4000000000003220")));
        assertThat(placed.status()).as(placed.body()).isEqualTo(202);
        String orderId = placed.json().path("id").asString();
        var payment =
                com.abacus.payments.PaymentId.of(placed.json().path("paymentId").asString());
        assertThat(authentication.awaiting(customer.account().id(), payment).status())
                .isEqualTo(com.abacus.payments.PaymentStatus.REQUIRES_ACTION);

        var answered = authentication.answer(customer.account().id(), payment, false);
        assertThat(answered.status()).isEqualTo(com.abacus.payments.PaymentStatus.FAILED);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/orders/" + orderId, customer.apiKey())
                        .json()
                        .path("status")
                        .asString()
                        .equals("failed"));
        assertThat(api.get("/api/v1/subscriptions", customer.apiKey()).json()).isEmpty();
        assertThat(cards.paymentMethods(customer.account().id())).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> authentication.answer(customer.account().id(), payment, true))
                .isInstanceOf(com.abacus.shared.DomainException.class);
    }

    @Test
    void racingRetriesWithOneKeyMakeOneOrderAndOneCharge() throws Exception {
        Customer customer = customers.create();
        String key = UUID.randomUUID().toString();
        String body = TestCustomers.order("edge-business-monthly", "USD", TestCustomers.CARD_OK);
        int clients = 8;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ApiClient.Response>> responses = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            responses.add(pool.submit(() -> {
                start.await();
                return api.post("/api/v1/orders", customer.apiKey(), key, body);
            }));
        }
        start.countDown();
        List<String> orderIds = new ArrayList<>();
        for (Future<ApiClient.Response> response : responses) {
            var r = response.get();
            assertThat(r.status()).isEqualTo(201);
            orderIds.add(r.json().path("id").asString());
        }
        pool.shutdown();

        assertThat(orderIds).containsOnly(orderIds.get(0));
        assertThat(jdbc.sql("select count(*) from customer_order where account_id = :id")
                        .param("id", customer.account().id().value())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(charges.paymentsOf(customer.account().id())).hasSize(1);
        assertThat(jdbc.sql("select count(*) from sandbox_charge where idempotency_key = :key and kind = 'charge'")
                        .param("key", "order:" + orderIds.get(0))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aRetryAfterTheAnswerReplaysIt() {
        Customer customer = customers.create();
        String key = UUID.randomUUID().toString();
        String body = TestCustomers.order("stream-basic-monthly", "USD", TestCustomers.CARD_OK);
        var first = api.post("/api/v1/orders", customer.apiKey(), key, body);
        var again = api.post("/api/v1/orders", customer.apiKey(), key, body);
        assertThat(again.status()).isEqualTo(first.status());
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");

        var reused = api.post(
                "/api/v1/orders",
                customer.apiKey(),
                key,
                TestCustomers.order("stream-plus-monthly", "USD", TestCustomers.CARD_OK));
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().path("code").asString()).isEqualTo("idempotency-key-reused");
    }

    @Test
    void writesWithoutAnIdempotencyKeyAreRefused() {
        Customer customer = customers.create();
        var response = api.post(
                "/api/v1/orders",
                customer.apiKey(),
                null,
                TestCustomers.order("edge-pro-monthly", "USD", TestCustomers.CARD_OK));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("code").asString()).isEqualTo("idempotency-key-required");
        assertThat(charges.paymentsOf(customer.account().id())).isEmpty();
    }

    @Test
    void badInputIsA400NamingTheFieldAndWritesNothing() {
        Customer customer = customers.create();
        var unknownCurrency = api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                TestCustomers.order("edge-pro-monthly", "XYZ", TestCustomers.CARD_OK));
        assertThat(unknownCurrency.status()).isEqualTo(400);
        assertThat(unknownCurrency.json().path("errors").get(0).path("field").asString())
                .isEqualTo("currency");

        var wrongType = api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                "{\"plan\":\"edge-pro-monthly\",\"currency\":\"USD\",\"paymentMethod\":{\"card\":{\"number\":\"4242424242424242\",\"expMonth\":\"soon\",\"expYear\":2031}}}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().path("errors").get(0).path("field").asString())
                .isEqualTo("paymentMethod.card.expMonth");

        var badCard = api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                TestCustomers.order("edge-pro-monthly", "USD", TestCustomers.card("4242424242424241")));
        assertThat(badCard.status()).isEqualTo(400);
        assertThat(badCard.json().path("errors").get(0).path("field").asString())
                .isEqualTo("card.number");

        var broken =
                api.post("/api/v1/orders", customer.apiKey(), UUID.randomUUID().toString(), "{\"plan\": ");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().path("code").asString()).isEqualTo("malformed-body");

        assertThat(api.get("/api/v1/subscriptions", customer.apiKey()).json()).isEmpty();
        assertThat(charges.paymentsOf(customer.account().id())).isEmpty();
    }

    @Test
    void anotherCustomersOrderIsNotFound() {
        Customer alice = customers.create();
        Customer bob = customers.create();
        var order = api.post(
                "/api/v1/orders",
                alice.apiKey(),
                UUID.randomUUID().toString(),
                TestCustomers.order("stream-basic-monthly", "USD", TestCustomers.CARD_OK));
        String path = "/api/v1/orders/" + order.json().path("id").asString();
        assertThat(api.get(path, alice.apiKey()).status()).isEqualTo(200);
        assertThat(api.get(path, bob.apiKey()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/orders/" + UUID.randomUUID(), bob.apiKey()).status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/orders/not-a-uuid", bob.apiKey()).status()).isEqualTo(404);
    }

    @Test
    void upgradeMidPeriodChargesTheProrationAndRaisesEntitlementsNow() {
        Customer customer = customers.create();
        var order = api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                TestCustomers.order("edge-starter-monthly", "USD", TestCustomers.CARD_OK));
        String subscription = order.json().path("subscriptionId").asString();

        var preview = api.get(
                "/api/v1/subscriptions/" + subscription + "/change-quote?plan=edge-business-monthly",
                customer.apiKey());
        assertThat(preview.json().path("timing").asString()).isEqualTo("immediate");
        String due = preview.json().path("amountDueNow").path("amount").asString();
        // Bought today: (almost) the whole period is unused, so the charge is close to the full difference.
        assertThat(new java.math.BigDecimal(due))
                .isBetween(new java.math.BigDecimal("170.00"), new java.math.BigDecimal("180.00"));

        var change = api.post(
                "/api/v1/subscriptions/" + subscription + "/change",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                "{\"plan\":\"edge-business-monthly\",\"expectedAmount\":\"" + due + "\"}");
        assertThat(change.status()).isEqualTo(200);
        assertThat(change.json().path("order").path("status").asString()).isEqualTo("completed");
        assertThat(change.json().path("subscription").path("plan").asString()).isEqualTo("edge-business-monthly");
        assertThat(charges.paymentsOf(customer.account().id()))
                .extracting(p -> p.amount().toPlainString())
                .contains(due);

        var entitlements = api.get(
                "/internal/v1/accounts/" + customer.id() + "/entitlements/load_balancers", TestCustomers.SERVICE_TOKEN);
        assertThat(entitlements.json().path("limit").asLong()).isEqualTo(20);
    }

    @Test
    void downgradeIsScheduledForPeriodEndAndCanBeUndone() {
        Customer customer = customers.create();
        var order = api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                TestCustomers.order("edge-business-annual", "USD", TestCustomers.CARD_OK));
        String subscription = order.json().path("subscriptionId").asString();

        var change = api.post(
                "/api/v1/subscriptions/" + subscription + "/change",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                "{\"plan\":\"edge-pro-annual\"}");
        assertThat(change.json().path("quote").path("timing").asString()).isEqualTo("period_end");
        assertThat(change.json()
                        .path("subscription")
                        .path("scheduledChange")
                        .path("plan")
                        .asString())
                .isEqualTo("edge-pro-annual");
        assertThat(change.json().path("subscription").path("plan").asString()).isEqualTo("edge-business-annual");
        assertThat(charges.paymentsOf(customer.account().id())).hasSize(1);

        var undone = api.delete(
                "/api/v1/subscriptions/" + subscription + "/scheduled-change",
                customer.apiKey(),
                UUID.randomUUID().toString());
        assertThat(undone.status()).isEqualTo(200);
        assertThat(undone.json().path("scheduledChange").isNull()).isTrue();

        var cancel = api.post(
                "/api/v1/subscriptions/" + subscription + "/cancel",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                "");
        assertThat(cancel.json().path("status").asString()).isEqualTo("active");
        assertThat(cancel.json().path("scheduledChange").path("cancellation").asBoolean())
                .isTrue();
        var entitlements = api.get(
                "/internal/v1/accounts/" + customer.id() + "/entitlements/load_balancers", TestCustomers.SERVICE_TOKEN);
        assertThat(entitlements.json().path("limit").asLong()).isEqualTo(20);
        assertThat(entitlements.json().path("validUntil").asString())
                .isEqualTo(cancel.json().path("currentPeriod").path("end").asString());
    }

    static AccountId id(Customer customer) {
        return customer.account().id();
    }
}
