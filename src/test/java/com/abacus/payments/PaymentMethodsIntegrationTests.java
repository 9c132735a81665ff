package com.abacus.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.abacus.ApiClient;
import com.abacus.IntegrationTest;
import com.abacus.TestClock;
import com.abacus.TestCustomers;
import com.abacus.TestCustomers.Customer;
import com.abacus.invoicing.InvoiceRuns;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PayPal and SEPA Direct Debit through the public API, against the sandbox: a SEPA order gives service at once and its
 * invoice is paid when the debit settles days later (on the test's clock), or goes to dunning when the bank returns it;
 * a PayPal order waits for the customer's approval on the sandbox's PayPal page. Nothing is mocked above the sandbox.
 */
@IntegrationTest
class PaymentMethodsIntegrationTests {

    private static final String SETTLES = "DE89 3704 0044 0532 0130 00";
    private static final String INSUFFICIENT_FUNDS = "DE62370400440532013001";
    private static final String MANDATE_REVOKED = "DE35370400440532013002";
    private static final String REVERSED = "DE08370400440532013003";

    @LocalServerPort
    int port;

    @Autowired
    TestCustomers customers;

    @Autowired
    Reconciliation reconciliation;

    @Autowired
    Charges charges;

    @Autowired
    InvoiceRuns invoiceRuns;

    @Autowired
    TestClock clock;

    @Autowired
    MethodRouting methodRouting;

    @Autowired
    Refunds refunds;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static String sepa(String iban) {
        return "{\"sepaDebit\":{\"iban\":\"" + iban + "\",\"mandateAccepted\":true}}";
    }

    private ApiClient.Response order(Customer customer, String plan, String currency, String method) {
        return api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                TestCustomers.order(plan, currency, method));
    }

    private void awaitOrder(Customer customer, String orderId, String status) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/orders/" + orderId, customer.apiKey())
                        .json()
                        .path("status")
                        .asString()
                        .equals(status));
    }

    /** The status of the first item of a customer's list (their newest subscription, payment method). */
    private String firstStatus(Customer customer, String path) {
        return api.get(path, customer.apiKey()).json().get(0).path("status").asString();
    }

    private String invoiceStatus(Customer customer) {
        var invoices = api.get("/api/v1/invoices", customer.apiKey()).json();
        return invoices.isEmpty()
                ? "none"
                : invoices.get(0).path("status").asString()
                        + (invoices.get(0).path("paymentPending").asBoolean() ? ":pending" : "");
    }

    @Test
    void aSepaOrderIsActiveAtOnceAndItsInvoiceIsPaidWhenTheDebitSettlesDaysLater() {
        clock.set(java.time.Instant.parse("2026-12-02T10:00:00Z")); // a Wednesday
        Customer customer = customers.create("EUR", "Europe/Berlin");
        var placed = order(customer, "edge-pro-monthly", "EUR", sepa(SETTLES));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        assertThat(placed.json().path("status").asString()).isEqualTo("completed");
        assertThat(firstStatus(customer, "/api/v1/subscriptions")).isEqualTo("active");
        assertThat(api.get("/internal/v1/accounts/" + customer.id() + "/entitlements", TestCustomers.SERVICE_TOKEN)
                        .json()
                        .path("features")
                        .path("load_balancers")
                        .path("limit")
                        .asLong())
                .isEqualTo(5);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> invoiceStatus(customer).equals("open:pending"));

        // The dial sends this account to the legacy processor, which takes no SEPA debits: routed by method to the new.
        assertThat(charges.paymentsOf(customer.account().id()).get(0).processor())
                .isEqualTo(Processor.NEW);
        assertThat(jdbc.sql("select routed_by_method from payment where account_id = :account")
                        .param("account", customer.account().id().value())
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(methodRouting.rows())
                .filteredOn(row -> row.processor() == Processor.LEGACY && row.method() == PaymentMethodType.SEPA_DEBIT)
                .singleElement()
                .satisfies(row -> assertThat(row.takes()).isFalse());
        assertThat(methodRouting.rows())
                .filteredOn(row -> row.processor() == Processor.NEW && row.method() == PaymentMethodType.SEPA_DEBIT)
                .singleElement()
                .satisfies(row -> assertThat(row.routedByMethod()).isPositive());

        var method =
                api.get("/api/v1/payment-methods", customer.apiKey()).json().get(0);
        assertThat(method.path("type").asString()).isEqualTo("sepa_debit");
        assertThat(method.path("status").asString()).isEqualTo("active");
        assertThat(method.path("country").asString()).isEqualTo("DE");
        assertThat(method.path("last4").asString()).isEqualTo("3000");
        assertThat(method.path("mandate").path("reference").asString()).startsWith("ABACUS-");
        assertThat(method.has("expMonth")).isFalse();
        // Only the country and last four are kept, nowhere the whole IBAN.
        assertThat(jdbc.sql("select count(*) from payment_method where account_id = :account and (legacy_token like"
                                + " '%0532013000%' or new_token like '%0532013000%' or last4 <> '3000')")
                        .param("account", customer.account().id().value())
                        .query(Integer.class)
                        .single())
                .isZero();

        // Two business days later it has not settled; the third (Monday, after the weekend) it has.
        clock.set(java.time.Instant.parse("2026-12-04T11:00:00Z"));
        reconciliation.reconcileNow();
        assertThat(invoiceStatus(customer)).isEqualTo("open:pending");
        clock.set(java.time.Instant.parse("2026-12-07T11:00:00Z"));
        reconciliation.reconcileNow();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> invoiceStatus(customer).equals("paid"));
        assertThat(charges.paymentsOf(customer.account().id()).get(0).status()).isEqualTo(PaymentStatus.SUCCEEDED);

        // Settled, it refunds (by credit transfer), never beyond what was captured.
        Payment payment = charges.paymentsOf(customer.account().id()).get(0);
        var refund = refunds.refund(new RefundRequest(
                payment.id(), com.abacus.shared.Money.parse("40.00", "EUR"), "goodwill", "test", "r1-" + payment.id()));
        assertThat(refund.status()).isEqualTo(Refund.Status.SUCCEEDED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> refunds.refund(new RefundRequest(
                        payment.id(),
                        com.abacus.shared.Money.parse("7.01", "EUR"),
                        "goodwill",
                        "test",
                        "r2-" + payment.id())))
                .hasMessageContaining("exceeds what remains refundable (EUR 7.00)");
    }

    @Test
    void aDebitThatHasNotSettledCannotBeRefundedYet() {
        Customer customer = customers.create("EUR", "Europe/Berlin");
        assertThat(order(customer, "edge-pro-monthly", "EUR", sepa(SETTLES)).status())
                .isEqualTo(201);
        Payment payment = charges.paymentsOf(customer.account().id()).get(0);
        assertThat(payment.status()).isEqualTo(PaymentStatus.PROCESSING);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> refunds.refund(
                        new RefundRequest(payment.id(), payment.amount(), "goodwill", "test", "r-" + payment.id())))
                .hasMessageContaining("has not settled yet");
        assertThat(jdbc.sql("select count(*) from refund where payment_id = :payment")
                        .param("payment", payment.id().value())
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aDebitReturnedAfterTheOrderMakesTheInvoiceUnpaidTheSubscriptionPastDueAndStartsDunning() {
        clock.set(java.time.Instant.parse("2026-12-02T10:00:00Z"));
        Customer customer = customers.create("EUR", "Europe/Berlin");
        assertThat(order(customer, "edge-pro-monthly", "EUR", sepa(INSUFFICIENT_FUNDS))
                        .status())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> invoiceStatus(customer).equals("open:pending"));

        clock.set(java.time.Instant.parse("2026-12-07T11:00:00Z"));
        reconciliation.reconcileNow();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> invoiceStatus(customer).equals("open"));
        assertThat(firstStatus(customer, "/api/v1/subscriptions")).isEqualTo("past_due");
        assertThat(charges.paymentsOf(customer.account().id()).get(0).failureCode())
                .isEqualTo("insufficient_funds");
        // Dunning has the next attempt scheduled; the mandate itself still stands.
        assertThat(jdbc.sql("select next_attempt_at is not null from invoice where account_id = :account")
                        .param("account", customer.account().id().value())
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(firstStatus(customer, "/api/v1/payment-methods")).isEqualTo("active");
    }

    @Test
    void aRevokedMandateIsNeverChargedAgain() {
        clock.set(java.time.Instant.parse("2026-12-02T10:00:00Z"));
        Customer customer = customers.create("EUR", "Europe/Berlin");
        assertThat(order(customer, "edge-pro-monthly", "EUR", sepa(MANDATE_REVOKED))
                        .status())
                .isEqualTo(201);
        clock.set(java.time.Instant.parse("2026-12-07T11:00:00Z"));
        reconciliation.reconcileNow();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> firstStatus(customer, "/api/v1/payment-methods").equals("revoked"));
        assertThat(firstStatus(customer, "/api/v1/subscriptions")).isEqualTo("past_due");
        // A new order with the revoked mandate is refused before anything is written.
        String methodId = api.get("/api/v1/payment-methods", customer.apiKey())
                .json()
                .get(0)
                .path("id")
                .asString();
        var again = order(customer, "stream-basic-monthly", "EUR", "{\"id\":\"" + methodId + "\"}");
        assertThat(again.status()).as(again.body()).isEqualTo(400);
        assertThat(again.body()).contains("paymentMethod.id");
    }

    @Test
    void aDebitTheBankReversesAfterSettlingIsCreditedWithItsFeeAndCannotBeRefundedAgain() {
        clock.set(java.time.Instant.parse("2026-12-02T10:00:00Z"));
        Customer customer = customers.create("EUR", "Europe/Berlin");
        assertThat(order(customer, "edge-pro-monthly", "EUR", sepa(REVERSED)).status())
                .isEqualTo(201);
        clock.set(java.time.Instant.parse("2026-12-07T11:00:00Z"));
        reconciliation.reconcileNow();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> invoiceStatus(customer).equals("paid"));

        clock.set(java.time.Instant.parse("2026-12-09T12:00:00Z"));
        reconciliation.reconcileNow();
        reconciliation.reconcileNow(); // reported once, acted on once
        Payment payment = charges.paymentsOf(customer.account().id()).get(0);
        assertThat(payment.refunded()).isEqualTo(payment.amount());
        assertThat(payment.refundable().isZero()).isTrue();
        assertThat(jdbc.sql("select count(*) from refund where payment_id = :payment and requested_by = 'processor'")
                        .param("payment", payment.id().value())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/credit-notes", customer.apiKey())
                                .json()
                                .size()
                        == 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("select count(*) from revenue_entry where account_id = :account and kind = 'FEE'"
                                        + " and amount_minor = 750")
                                .param("account", customer.account().id().value())
                                .query(Integer.class)
                                .single()
                        == 1);
    }

    @Test
    void aSepaMandateRenewsByDebitAndTheRenewalIsPaidWhenItSettles() {
        clock.set(java.time.Instant.parse("2026-12-02T10:00:00Z"));
        Customer customer = customers.create("EUR", "Europe/Berlin");
        assertThat(order(customer, "edge-pro-monthly", "EUR", sepa(SETTLES)).status())
                .isEqualTo(201);
        clock.set(java.time.Instant.parse("2027-01-02T10:00:01Z")); // a Saturday
        invoiceRuns.runNow(clock.instant(), "test").orElseThrow();
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        api.get("/api/v1/invoices", customer.apiKey()).json().size() == 2);
        var renewal = api.get("/api/v1/invoices", customer.apiKey()).json().get(0);
        assertThat(renewal.path("status").asString()).isEqualTo("open");
        assertThat(renewal.path("paymentPending").asBoolean()).isTrue();
        // Three business days after a Saturday: Wednesday.
        clock.set(java.time.Instant.parse("2027-01-06T10:00:02Z"));
        reconciliation.reconcileNow();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/invoices", customer.apiKey())
                        .json()
                        .get(0)
                        .path("status")
                        .asString()
                        .equals("paid"));
    }

    @Test
    void aPayPalOrderWaitsForApprovalOnTheSandboxPageAndRenewalsNeedNoApproval() {
        Customer customer = customers.create("GBP", "Europe/London");
        var placed = order(customer, "edge-pro-monthly", "GBP", "{\"paypal\":{}}");
        assertThat(placed.status()).as(placed.body()).isEqualTo(202);
        assertThat(placed.json().path("status").asString()).isEqualTo("requires_action");
        assertThat(placed.json().path("nextAction").path("type").asString()).isEqualTo("redirect");
        String url = placed.json().path("nextAction").path("url").asString();
        assertThat(url).startsWith("http://localhost:" + port + "/sandbox/paypal/");
        String path = URI.create(url).getPath();
        assertThat(api.get("/api/v1/subscriptions", customer.apiKey()).json()).isEmpty();
        assertThat(firstStatus(customer, "/api/v1/payment-methods")).isEqualTo("pending_approval");

        // Another account's link does not exist for this customer.
        Customer other = customers.create("GBP", "Europe/London");
        var foreign = api.post(path + "/approve", other.apiKey(), null, "");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.contentType()).startsWith("application/problem+json");

        var approved = api.post(path + "/approve", customer.apiKey(), null, "");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().path("status").asString()).isEqualTo("succeeded");
        String orderId = placed.json().path("id").asString();
        awaitOrder(customer, orderId, "completed");
        var method =
                api.get("/api/v1/payment-methods", customer.apiKey()).json().get(0);
        assertThat(method.path("type").asString()).isEqualTo("paypal");
        assertThat(method.path("status").asString()).isEqualTo("active");

        // The link is used: replaying it is a conflict, and nothing is charged again.
        var replayed = api.post(path + "/approve", customer.apiKey(), null, "");
        assertThat(replayed.status()).isEqualTo(409);
        assertThat(replayed.contentType()).startsWith("application/problem+json");

        // The vaulted agreement renews without the customer.
        clock.set(java.time.Instant.now().plus(Duration.ofDays(32)));
        invoiceRuns.runNow(clock.instant(), "test").orElseThrow();
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        api.get("/api/v1/invoices", customer.apiKey()).json().size() == 2);
        assertThat(api.get("/api/v1/invoices", customer.apiKey())
                        .json()
                        .get(0)
                        .path("status")
                        .asString())
                .isEqualTo("paid");
    }

    @Test
    void aPayPalPaymentCanceledAtPayPalFailsTheOrderAndKeepsNoAgreement() {
        Customer customer = customers.create("USD", "America/New_York");
        var placed = order(customer, "stream-basic-monthly", "USD", "{\"paypal\":{}}");
        String path = URI.create(placed.json().path("nextAction").path("url").asString())
                .getPath();
        assertThat(api.post(path + "/cancel", customer.apiKey(), null, "")
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("failed");
        String orderId = placed.json().path("id").asString();
        awaitOrder(customer, orderId, "failed");
        assertThat(api.get("/api/v1/subscriptions", customer.apiKey()).json()).isEmpty();
        assertThat(api.get("/api/v1/payment-methods", customer.apiKey()).json()).isEmpty();
    }

    @Test
    void racingApprovalsCompleteTheOrderOnce() throws Exception {
        Customer customer = customers.create("EUR", "Europe/Paris");
        var placed = order(customer, "edge-pro-monthly", "EUR", "{\"paypal\":{}}");
        String path = URI.create(placed.json().path("nextAction").path("url").asString())
                .getPath();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ApiClient.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(
                        (Callable<ApiClient.Response>) () -> api.post(path + "/approve", customer.apiKey(), null, "")));
            }
            for (Future<ApiClient.Response> answer : answers) {
                assertThat(answer.get().status()).isIn(200, 409);
            }
        } finally {
            pool.shutdown();
        }
        String orderId = placed.json().path("id").asString();
        awaitOrder(customer, orderId, "completed");
        assertThat(api.get("/api/v1/subscriptions", customer.apiKey()).json()).hasSize(1);
        assertThat(charges.paymentsOf(customer.account().id())).hasSize(1);
        assertThat(jdbc.sql("select count(*) from sandbox_charge where token in (select new_token from payment_method"
                                + " where account_id = :account union select legacy_token from payment_method where"
                                + " account_id = :account)")
                        .param("account", customer.account().id().value())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void badMethodsAreRefusedByNameAndWriteNothing() {
        Customer customer = customers.create("EUR", "Europe/Berlin");
        assertRefused(customer, "EUR", "{\"bitcoin\":{}}", "paymentMethod.bitcoin");
        assertRefused(customer, "EUR", sepa("DE89370400440532013001"), "paymentMethod.sepaDebit.iban");
        assertRefused(
                customer,
                "EUR",
                "{\"sepaDebit\":{\"iban\":\"" + SETTLES + "\",\"mandateAccepted\":false}}",
                "paymentMethod.sepaDebit.mandateAccepted");
        assertRefused(customer, "USD", sepa(SETTLES), "paymentMethod.sepaDebit");
        assertRefused(customer, "EUR", "{\"paypal\":{},\"sepaDebit\":{\"iban\":\"" + SETTLES + "\"}}", "paymentMethod");
        assertThat(jdbc.sql("select (select count(*) from customer_order where account_id = :a)"
                                + " + (select count(*) from payment_method where account_id = :a)"
                                + " + (select count(*) from payment where account_id = :a)")
                        .param("a", customer.account().id().value())
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private void assertRefused(Customer customer, String currency, String method, String field) {
        var refused = order(customer, "edge-pro-monthly", currency, method);
        assertThat(refused.status()).as(method + " " + refused.body()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body()).as(method).contains("\"" + field);
    }
}
