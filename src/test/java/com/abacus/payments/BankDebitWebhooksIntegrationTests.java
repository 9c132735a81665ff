package com.abacus.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.abacus.ApiClient;
import com.abacus.IntegrationTest;
import com.abacus.TestCustomers;
import com.abacus.TestCustomers.Customer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The new processor's notifications about SEPA debits, signed as Stripe signs them: still processing, failed because
 * the customer revoked the mandate at the bank ({@code debit_not_authorized}), and disputed after settling
 * ({@code charge.dispute.created}, with Stripe's fee in its balance transaction).
 */
@IntegrationTest
class BankDebitWebhooksIntegrationTests {

    private static final String SECRET = "whsec_test_new_processor";

    @LocalServerPort
    int port;

    @Autowired
    TestCustomers customers;

    @Autowired
    Charges charges;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private Payment sepaOrder(Customer customer) {
        var placed = api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                TestCustomers.order(
                        "edge-pro-monthly",
                        "EUR",
                        "{\"sepaDebit\":{\"iban\":\"DE89370400440532013000\",\"mandateAccepted\":true}}"));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        return charges.paymentsOf(customer.account().id()).get(0);
    }

    private ApiClient.Response webhook(String type, String object) throws Exception {
        String payload = "{\"id\": \"evt_" + UUID.randomUUID() + "\", \"object\": \"event\", \"type\": \"" + type
                + "\", \"created\": " + java.time.Instant.now().getEpochSecond() + ", \"data\": {\"object\": " + object
                + "}}";
        long t = java.time.Instant.now().getEpochSecond();
        return api.post(
                "/webhooks/stripe",
                null,
                null,
                payload,
                "Stripe-Signature",
                "t=" + t + ",v1=" + PaymentsIntegrationTests.hmac(SECRET, t + "." + payload));
    }

    @Test
    void aDebitTheBankRefusesAsNotAuthorisedRevokesTheMandateAndStartsDunning() throws Exception {
        Customer customer = customers.create("EUR", "Europe/Berlin");
        Payment payment = sepaOrder(customer);
        String intent = "{\"id\": \"" + payment.processorReference() + "\", \"object\": \"payment_intent\","
                + " \"payment_method_types\": [\"sepa_debit\"], \"metadata\": {\"abacus_idempotency_key\": \"x\"}";

        assertThat(webhook("payment_intent.processing", intent + ", \"status\": \"processing\"}")
                        .status())
                .isEqualTo(200);
        assertThat(charges.payment(payment.id()).status()).isEqualTo(PaymentStatus.PROCESSING);

        assertThat(webhook(
                                "payment_intent.payment_failed",
                                intent + ", \"status\": \"requires_payment_method\", \"last_payment_error\":"
                                        + " {\"code\": \"debit_not_authorized\"}}")
                        .status())
                .isEqualTo(200);
        assertThat(charges.payment(payment.id()).failureCode()).isEqualTo("mandate_revoked");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/subscriptions", customer.apiKey())
                        .json()
                        .get(0)
                        .path("status")
                        .asString()
                        .equals("past_due"));
        assertThat(api.get("/api/v1/payment-methods", customer.apiKey())
                        .json()
                        .get(0)
                        .path("status")
                        .asString())
                .isEqualTo("revoked");
    }

    @Test
    void aDisputeAfterSettlementIsRefundedByTheProcessorAndItsFeeBooked() throws Exception {
        Customer customer = customers.create("EUR", "Europe/Berlin");
        Payment payment = sepaOrder(customer);
        String intent = "{\"id\": \"" + payment.processorReference() + "\", \"object\": \"payment_intent\","
                + " \"status\": \"succeeded\", \"payment_method_types\": [\"sepa_debit\"]}";
        assertThat(webhook("payment_intent.succeeded", intent).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/invoices", customer.apiKey())
                        .json()
                        .get(0)
                        .path("status")
                        .asString()
                        .equals("paid"));

        String dispute = "{\"id\": \"dp_1" + UUID.randomUUID().toString().substring(0, 8)
                + "\", \"object\": \"dispute\","
                + " \"amount\": 4700, \"currency\": \"eur\", \"payment_intent\": \"" + payment.processorReference()
                + "\", \"reason\": \"debit_not_authorized\", \"balance_transactions\": [{\"id\": \"txn_1\","
                + " \"object\": \"balance_transaction\", \"amount\": -4700, \"fee\": 1500}]}";
        var first = webhook("charge.dispute.created", dispute);
        assertThat(first.status()).isEqualTo(200);
        Payment reversed = charges.payment(payment.id());
        assertThat(reversed.refunded()).isEqualTo(reversed.amount());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/credit-notes", customer.apiKey())
                                .json()
                                .size()
                        == 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("select coalesce(sum(amount_minor), 0) from revenue_entry where account_id = :a"
                                        + " and kind = 'FEE'")
                                .param("a", customer.account().id().value())
                                .query(Long.class)
                                .single()
                        == 1500L);
    }
}
