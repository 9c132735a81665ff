package com.abacus.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.abacus.ApiClient;
import com.abacus.IntegrationTest;
import com.abacus.TestClock;
import com.abacus.TestCustomers;
import com.abacus.TestCustomers.Customer;
import com.abacus.checkout.Checkout;
import com.abacus.checkout.Order;
import com.abacus.payments.internal.Router;
import com.abacus.shared.DomainException;
import com.abacus.shared.Money;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Flows 4 and 7: refunds that never overpay, the migration dial, the halt, unknown outcomes, webhooks. */
@IntegrationTest
class PaymentsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestCustomers customers;

    @Autowired
    Cards cards;

    @Autowired
    Charges charges;

    @Autowired
    Refunds refunds;

    @Autowired
    ProcessorMigration migration;

    @Autowired
    Reconciliation reconciliation;

    @Autowired
    Checkout checkout;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    com.abacus.TestInfrastructure.PublishedEvents events;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @AfterEach
    void resetDial() {
        clock.reset();
        migration.resume("test", "reset after test");
        migration.setDial(false, 0, "test", "reset after test");
        jdbc.sql("delete from processor_attempt").update();
    }

    Payment paid(Customer customer, String plan, String card) {
        var order = api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                TestCustomers.order(plan, "USD", TestCustomers.card(card)));
        assertThat(order.status()).as(order.body()).isIn(201, 202);
        return charges.paymentsOf(customer.account().id()).get(0);
    }

    @Test
    void twoAgentsRefundingAtOnceNeverExceedWhatWasCaptured() throws Exception {
        Payment payment = paid(customers.create(), "edge-pro-monthly", "4242424242424242");
        int agents = 20;
        ExecutorService pool = Executors.newFixedThreadPool(agents);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            results.add(pool.submit(() -> {
                go.await();
                try {
                    refunds.refund(new RefundRequest(
                            payment.id(),
                            Money.parse("5.00", "USD"),
                            "goodwill",
                            "agent",
                            UUID.randomUUID().toString()));
                    return true;
                } catch (DomainException e) {
                    assertThat(e.code()).isEqualTo("refund-exceeds-captured");
                    return false;
                }
            }));
        }
        go.countDown();
        int succeeded = 0;
        for (Future<Boolean> result : results) {
            succeeded += result.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(succeeded).isEqualTo(10);
        assertThat(charges.payment(payment.id()).refunded()).isEqualTo(Money.parse("50.00", "USD"));
        assertThat(refunds.refunds(payment.id()))
                .hasSize(10)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(Refund.Status.SUCCEEDED));
        assertThatThrownBy(() -> refunds.refund(
                        new RefundRequest(payment.id(), Money.parse("0.01", "USD"), "one cent more", "agent", "k")))
                .hasMessageContaining("exceeds what remains refundable");
        assertThatThrownBy(() ->
                        refunds.refund(new RefundRequest(payment.id(), Money.parse("1.00", "USD"), " ", "agent", "k2")))
                .hasMessageContaining("invalid");
    }

    /** Refunds under SUPPORT's limit of 20 on a 200 payment, 20 agents at once with 5 each: four fit, however they race. */
    @Test
    void refundsUnderALimitNeverTotalMoreThanItEvenRacing() throws Exception {
        Payment payment = paid(customers.create(), "edge-business-monthly", "4242424242424242");
        int agents = 20;
        ExecutorService pool = Executors.newFixedThreadPool(agents);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            results.add(pool.submit(() -> {
                go.await();
                try {
                    refunds.refund(new RefundRequest(
                                    payment.id(),
                                    Money.parse("5.00", "USD"),
                                    "goodwill",
                                    "agent",
                                    UUID.randomUUID().toString())
                            .underLimit(Money.parse("20.00", "USD")));
                    return true;
                } catch (DomainException e) {
                    assertThat(e.code()).isEqualTo("refund-above-support-limit");
                    return false;
                }
            }));
        }
        go.countDown();
        int succeeded = 0;
        for (Future<Boolean> result : results) {
            succeeded += result.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(succeeded).isEqualTo(4);
        assertThat(refunds.refundedUnderLimit(payment.id())).isEqualTo(Money.parse("20.00", "USD"));
        // Refunds without a limit are not counted against it, and are still bounded by what was captured.
        refunds.refund(new RefundRequest(
                payment.id(),
                Money.parse("100.00", "USD"),
                "escalated",
                "admin",
                UUID.randomUUID().toString()));
        assertThat(charges.payment(payment.id()).refunded()).isEqualTo(Money.parse("120.00", "USD"));
        assertThat(refunds.refundedUnderLimit(payment.id())).isEqualTo(Money.parse("20.00", "USD"));
    }

    @Test
    void aRefundGoesBackThroughTheProcessorThatTookTheMoney() {
        Customer legacyCustomer = customers.create();
        Payment onLegacy = paid(legacyCustomer, "stream-basic-monthly", "4242424242424242");
        assertThat(onLegacy.processor()).isEqualTo(Processor.LEGACY);
        migration.setDial(true, 0, "test", "new customers to the new processor");
        Customer newCustomer = customers.create();
        Payment onNew = paid(newCustomer, "stream-basic-monthly", "4242424242424242");
        assertThat(onNew.processor()).isEqualTo(Processor.NEW);

        migration.setDial(false, 0, "test", "roll back");
        Refund refund = refunds.refund(new RefundRequest(
                onNew.id(),
                Money.parse("1.00", "USD"),
                "test",
                "agent",
                UUID.randomUUID().toString()));
        assertThat(refund.processor()).isEqualTo(Processor.NEW);
        assertThat(jdbc.sql(
                                "select count(*) from sandbox_charge where slot = 'new' and kind = 'refund' and ref in (select processor_ref from refund where id = :id)")
                        .param("id", refund.id())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void theDialIsStickyAddsAccountsAsItRisesAndRollsBack() {
        List<Customer> existing = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Customer customer = customers.create();
            cards.addCard(customer.account().id(), new CardInput("4242424242424242", 12, 2031, "123"));
            existing.add(customer);
        }
        while (migration.copyCardsToNewProcessor() > 0) {
            // copy every legacy card to the new processor (verified by a zero-amount authorisation)
        }
        migration.setDial(false, 30, "test", "first step");
        List<Customer> at30 = onNew(existing);
        migration.setDial(false, 60, "test", "second step");
        List<Customer> at60 = onNew(existing);
        assertThat(at60).containsAll(at30);
        for (Customer c : existing) {
            boolean expected = Router.bucket(c.account().id()) < 60;
            assertThat(at60.contains(c))
                    .as("bucket %d", Router.bucket(c.account().id()))
                    .isEqualTo(expected);
        }
        migration.setDial(false, 0, "test", "roll back");
        assertThat(onNew(existing)).isEmpty();
    }

    List<Customer> onNew(List<Customer> customers) {
        List<Customer> result = new ArrayList<>();
        for (Customer customer : customers) {
            Payment payment = charges.charge(new ChargeRequest(
                    customer.account().id(),
                    null,
                    Money.parse("1.00", "USD"),
                    UUID.randomUUID().toString(),
                    null,
                    "dial check"));
            assertThat(payment.status()).isEqualTo(PaymentStatus.SUCCEEDED);
            if (payment.processor() == Processor.NEW) {
                result.add(customer);
            }
        }
        return result;
    }

    @Test
    void theNewProcessorIsHaltedWhenItFailsTooOftenAndNobodyIsLeftUnableToPay() {
        migration.setDial(true, 50, "test", "new customers and half of the others to the new processor");
        int failures = 0;
        for (int i = 0; i < 25; i++) {
            Customer customer = customers.create();
            Payment payment = charges.paymentsOf(customer.account().id()).stream()
                    .findFirst()
                    .orElseGet(() -> {
                        cards.addCard(customer.account().id(), new CardInput("4000000000000119", 12, 2031, "123"));
                        return charges.charge(new ChargeRequest(
                                customer.account().id(),
                                null,
                                Money.parse("5.00", "USD"),
                                UUID.randomUUID().toString(),
                                null,
                                "processor error"));
                    });
            failures += payment.status() == PaymentStatus.FAILED ? 1 : 0;
        }
        assertThat(failures).isGreaterThanOrEqualTo(20);
        MigrationDial dial = migration.dial();
        assertThat(dial.halted()).isTrue();
        assertThat(dial.haltedReason()).contains("New processor failed");
        assertThatThrownBy(() -> migration.setDial(true, 100, "test", "raise again"))
                .hasMessageContaining("halted");

        // Halted: an existing legacy customer keeps paying through the legacy processor.
        Customer legacy = customers.create();
        Payment payment = paid(legacy, "stream-basic-monthly", "4242424242424242");
        assertThat(payment.processor()).isEqualTo(Processor.LEGACY);
        assertThat(payment.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(migration.migrationState().dial().halted()).isTrue();
        var metrics =
                api.get("/actuator/prometheus", TestCustomers.SERVICE_TOKEN).body();
        assertThat(metrics).contains("abacus_payments_attempts_total");
    }

    @Test
    void aTimeoutLeavesThePaymentUnknownAndTheReconcilerSettlesIt() {
        Customer customer = customers.create();
        var order = api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                TestCustomers.order("stream-basic-monthly", "USD", TestCustomers.card("4000000000000408")));
        assertThat(order.status()).isEqualTo(202);
        assertThat(order.json().path("status").asString()).isEqualTo("payment_pending");
        Payment payment = charges.paymentsOf(customer.account().id()).get(0);
        assertThat(payment.status()).isEqualTo(PaymentStatus.UNKNOWN);
        assertThat(api.get("/api/v1/subscriptions", customer.apiKey()).json()).isEmpty();

        clock.set(java.time.Instant.now().plus(Duration.ofMinutes(5)));
        assertThat(reconciliation.reconcileNow()).isGreaterThanOrEqualTo(1);
        assertThat(charges.payment(payment.id()).status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(jdbc.sql("select count(*) from sandbox_charge where idempotency_key = :k and kind = 'charge'")
                        .param("k", "order:" + order.json().path("id").asString())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> checkout.order(
                                        customer.account().id(),
                                        com.abacus.checkout.OrderId.of(
                                                order.json().path("id").asString()))
                                .status()
                        == Order.Status.COMPLETED);
        assertThat(api.get("/api/v1/subscriptions", customer.apiKey()).json()).hasSize(1);
    }

    @Test
    void webhooksAreSignedDeduplicatedAndCannotMoveASettledPaymentBack() throws Exception {
        migration.setDial(true, 0, "test", "new customers to the new processor");
        Customer customer = customers.create();
        cards.addCard(customer.account().id(), new CardInput("4000000000003220", 12, 2031, "123"));
        String key = UUID.randomUUID().toString();
        Payment pending = charges.charge(
                new ChargeRequest(customer.account().id(), null, Money.parse("9.00", "USD"), key, null, "3ds"));
        assertThat(pending.status()).isEqualTo(PaymentStatus.REQUIRES_ACTION);

        String succeeded =
                event("evt_" + UUID.randomUUID(), "payment_intent.succeeded", pending.processorReference(), key);
        assertThat(stripeWebhook(succeeded, "whsec_wrong").status()).isEqualTo(400);
        assertThat(charges.payment(pending.id()).status()).isEqualTo(PaymentStatus.REQUIRES_ACTION);

        var first = stripeWebhook(succeeded, "whsec_test_new_processor");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().path("duplicate").asBoolean()).isFalse();
        assertThat(charges.payment(pending.id()).status()).isEqualTo(PaymentStatus.SUCCEEDED);
        var again = stripeWebhook(succeeded, "whsec_test_new_processor");
        assertThat(again.json().path("duplicate").asBoolean()).isTrue();

        String lateFailure =
                event("evt_" + UUID.randomUUID(), "payment_intent.payment_failed", pending.processorReference(), key);
        assertThat(stripeWebhook(lateFailure, "whsec_test_new_processor").status())
                .isEqualTo(200);
        assertThat(charges.payment(pending.id()).status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(events.ofType(PaymentSucceeded.class))
                .filteredOn(e -> e.paymentId().equals(pending.id()))
                .hasSize(1);
    }

    @Test
    void legacyWebhooksAreVerifiedToo() throws Exception {
        String body = "{\"id\":\"lg_evt_1\",\"kind\":\"transaction_settled\",\"transaction\":{\"id\":\"unknown\"}}";
        long now = java.time.Instant.now().getEpochSecond();
        var ok = api.post(
                "/webhooks/legacy",
                null,
                null,
                body,
                "X-Legacy-Timestamp",
                Long.toString(now),
                "X-Legacy-Signature",
                hmac("legacy_test_webhook_secret", now + "." + body));
        assertThat(ok.status()).isEqualTo(200);
        var old = api.post(
                "/webhooks/legacy",
                null,
                null,
                body,
                "X-Legacy-Timestamp",
                Long.toString(now - 3600),
                "X-Legacy-Signature",
                hmac("legacy_test_webhook_secret", (now - 3600) + "." + body));
        assertThat(old.status()).isEqualTo(400);
        assertThat(old.contentType()).startsWith("application/problem+json");
    }

    static String event(String id, String type, String intent, String key) {
        return """
                {"id": "%s", "object": "event", "type": "%s", "created": %d, "data": {"object":
                 {"id": "%s", "object": "payment_intent", "status": "%s", "metadata": {"abacus_idempotency_key": "%s"}}}}""".formatted(
                        id,
                        type,
                        java.time.Instant.now().getEpochSecond(),
                        intent,
                        type.endsWith("succeeded") ? "succeeded" : "requires_payment_method",
                        key);
    }

    ApiClient.Response stripeWebhook(String payload, String secret) throws Exception {
        long t = java.time.Instant.now().getEpochSecond();
        return api.post(
                "/webhooks/stripe",
                null,
                null,
                payload,
                "Stripe-Signature",
                "t=" + t + ",v1=" + hmac(secret, t + "." + payload));
    }

    static String hmac(String secret, String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }
}
