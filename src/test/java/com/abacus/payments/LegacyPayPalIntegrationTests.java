package com.abacus.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.abacus.ApiClient;
import com.abacus.ForkedInstance;
import com.abacus.IntegrationTest;
import com.abacus.TestCustomers;
import com.abacus.TestCustomers.Customer;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The legacy slot configured as in production (its card gateway, and PayPal's REST API for PayPal), in an instance of
 * its own against stubs of both: a PayPal checkout sends the customer to PayPal's page, PayPal's verified
 * notification of the approval makes the instance capture the order, the order completes, and the agreement is kept
 * by its vault id for renewals. A notification PayPal does not vouch for changes nothing.
 */
@IntegrationTest
class LegacyPayPalIntegrationTests {

    static WireMockServer paypal;
    static WireMockServer gateway;
    static ForkedInstance instance;
    static ApiClient api;

    @Autowired
    TestCustomers customers;

    @Autowired
    Charges charges;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void start() throws Exception {
        paypal = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        paypal.start();
        gateway = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        gateway.start();
        paypal.stubFor(post("/v1/oauth2/token")
                .willReturn(
                        okJson("{\"access_token\": \"A21AA\", \"token_type\": \"Bearer\", \"expires_in\": 32400}")));
    }

    /** Started from the test, not before the class: the tests' embedded servers exist once the context does. */
    @BeforeEach
    void startInstance() throws Exception {
        if (instance != null) {
            return;
        }
        instance = ForkedInstance.start(
                "legacy-paypal",
                Map.of(
                        "abacus.payments.processors.legacy.adapter", "legacy-gateway",
                        "abacus.payments.processors.legacy.base-url", gateway.baseUrl(),
                        "abacus.payments.processors.legacy.merchant-id", "merchant",
                        "abacus.payments.processors.legacy.api-key", "key",
                        "abacus.payments.processors.legacy.paypal.base-url", paypal.baseUrl(),
                        "abacus.payments.processors.legacy.paypal.client-id", "client",
                        "abacus.payments.processors.legacy.paypal.client-secret", "secret",
                        "abacus.payments.processors.legacy.paypal.webhook-id", "WH-ABACUS",
                        // The new slot takes no PayPal here: PayPal goes to the legacy slot whatever the dial says.
                        "abacus.payments.processors.new.methods", "card,sepa_debit",
                        "abacus.payments.public-url", "https://billing.example.com"));
        api = new ApiClient(instance.port(Duration.ofSeconds(120)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (instance != null) {
            instance.stop();
        }
        paypal.stop();
        gateway.stop();
    }

    private static ApiClient.Response notify(String type, String resource) {
        String event = "{\"id\": \"WH-" + UUID.randomUUID() + "\", \"event_type\": \"" + type + "\", \"resource\": "
                + resource + "}";
        return api.post(
                "/webhooks/paypal",
                null,
                null,
                event,
                "PAYPAL-AUTH-ALGO",
                "SHA256withRSA",
                "PAYPAL-CERT-URL",
                "https://api-m.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77",
                "PAYPAL-TRANSMISSION-ID",
                UUID.randomUUID().toString(),
                "PAYPAL-TRANSMISSION-SIG",
                "c2lnbmF0dXJl",
                "PAYPAL-TRANSMISSION-TIME",
                Instant.now().toString());
    }

    @Test
    void aPayPalOrderOnTheLegacySlotIsApprovedAtPayPalCapturedOnItsVerifiedNotificationAndVaulted() {
        Customer customer = customers.create("EUR", "Europe/Berlin");
        String orderId = "8AB"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 14).toUpperCase();
        paypal.stubFor(post("/v2/checkout/orders")
                .withRequestBody(matchingJsonPath(
                        "$.payment_source.paypal.attributes.vault.store_in_vault", equalTo("ON_SUCCESS")))
                .willReturn(okJson("""
                        {"id": "%s", "status": "PAYER_ACTION_REQUIRED",
                         "links": [{"href": "https://www.sandbox.paypal.com/checkoutnow?token=%s", "rel": "payer-action"}]}""".formatted(orderId, orderId))));

        var placed = api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                TestCustomers.order("edge-pro-monthly", "EUR", "{\"paypal\":{}}"));

        assertThat(placed.status()).as(placed.body()).isEqualTo(202);
        assertThat(placed.json().path("status").asString()).isEqualTo("requires_action");
        assertThat(placed.json().path("nextAction").path("url").asString())
                .isEqualTo("https://www.sandbox.paypal.com/checkoutnow?token=" + orderId);
        Payment payment = charges.paymentsOf(customer.account().id()).get(0);
        assertThat(payment.processor()).isEqualTo(Processor.LEGACY);
        assertThat(payment.processorReference()).isEqualTo(orderId);
        paypal.verify(postRequestedFor(urlPathEqualTo("/v2/checkout/orders"))
                .withHeader("Authorization", equalTo("Bearer A21AA"))
                .withRequestBody(matchingJsonPath(
                        "$.payment_source.paypal.experience_context.return_url",
                        equalTo("https://billing.example.com/orders/"
                                + placed.json().path("id").asString())))
                .withRequestBody(matchingJsonPath("$.purchase_units[0].amount.value", equalTo("47.00"))));

        // A notification PayPal does not vouch for is refused and captures nothing.
        paypal.stubFor(post("/v1/notifications/verify-webhook-signature")
                .willReturn(okJson("{\"verification_status\": \"FAILURE\"}")));
        var forged = notify("CHECKOUT.ORDER.APPROVED", "{\"id\": \"" + orderId + "\"}");
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.body()).contains("invalid-signature");
        paypal.verify(0, postRequestedFor(urlPathEqualTo("/v2/checkout/orders/" + orderId + "/capture")));

        // The customer approved at PayPal; PayPal's genuine notification makes the instance capture.
        paypal.stubFor(post("/v1/notifications/verify-webhook-signature")
                .withRequestBody(matchingJsonPath("$.webhook_id", equalTo("WH-ABACUS")))
                .willReturn(okJson("{\"verification_status\": \"SUCCESS\"}")));
        paypal.stubFor(get("/v2/checkout/orders/" + orderId)
                .willReturn(okJson("{\"id\": \"" + orderId + "\", \"status\": \"APPROVED\"}")));
        paypal.stubFor(post("/v2/checkout/orders/" + orderId + "/capture").willReturn(okJson("""
                        {"id": "%s", "status": "COMPLETED",
                         "payment_source": {"paypal": {"attributes": {"vault": {"id": "VAULT-7c", "status": "VAULTED"}}}},
                         "purchase_units": [{"payments": {"captures": [{"id": "CAP-9", "status": "COMPLETED"}]}}]}""".formatted(orderId))));
        var approved = notify("CHECKOUT.ORDER.APPROVED", "{\"id\": \"" + orderId + "\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get(
                                "/api/v1/orders/" + placed.json().path("id").asString(), customer.apiKey())
                        .json()
                        .path("status")
                        .asString()
                        .equals("completed"));
        assertThat(charges.payment(payment.id()).status()).isEqualTo(PaymentStatus.SUCCEEDED);
        var method =
                api.get("/api/v1/payment-methods", customer.apiKey()).json().get(0);
        assertThat(method.path("type").asString()).isEqualTo("paypal");
        assertThat(method.path("status").asString()).isEqualTo("active");
        // Renewals charge the vaulted agreement, never the placeholder the checkout started with.
        assertThat(jdbc.sql("select legacy_token from payment_method where account_id = :account")
                        .param("account", customer.account().id().value())
                        .query(String.class)
                        .single())
                .isEqualTo("VAULT-7c");
        // The capture notification that follows is the same payment: nothing changes twice.
        paypal.stubFor(get("/v2/checkout/orders/" + orderId).willReturn(okJson("""
                        {"id": "%s", "status": "COMPLETED",
                         "payment_source": {"paypal": {"attributes": {"vault": {"id": "VAULT-7c", "status": "VAULTED"}}}},
                         "purchase_units": [{"payments": {"captures": [{"id": "CAP-9", "status": "COMPLETED"}]}}]}""".formatted(orderId))));
        var captured = notify(
                "PAYMENT.CAPTURE.COMPLETED",
                "{\"id\": \"CAP-9\", \"supplementary_data\": {\"related_ids\": {\"order_id\": \"" + orderId + "\"}}}");
        assertThat(captured.status()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from payment where account_id = :account and status = 'SUCCEEDED'")
                        .param("account", customer.account().id().value())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        paypal.verify(1, postRequestedFor(urlPathEqualTo("/v2/checkout/orders/" + orderId + "/capture")));
        // Cards only ever go to the gateway; this order never touched it.
        assertThat(gateway.getAllServeEvents()).isEmpty();
    }
}
