package com.abacus.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.abacus.payments.internal.processor.LegacyGatewayProcessor;
import com.abacus.payments.internal.processor.LegacyGatewayWithPayPal;
import com.abacus.payments.internal.processor.PaymentProcessor.ChargeCommand;
import com.abacus.payments.internal.processor.PaymentProcessor.RefundCommand;
import com.abacus.payments.internal.processor.PaymentProcessor.Result;
import com.abacus.shared.Money;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The legacy slot's PayPal, against a PayPal-REST stub (OAuth, Orders v2 and its vault, refunds of captures, webhook
 * verification), with its cards still going to the gateway.
 */
class LegacyPayPalRestTests {

    static WireMockServer paypal;
    static WireMockServer gateway;
    LegacyGatewayWithPayPal processor;

    @BeforeAll
    static void start() {
        paypal = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        paypal.start();
        gateway = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        gateway.start();
    }

    @AfterAll
    static void stop() {
        paypal.stop();
        gateway.stop();
    }

    @BeforeEach
    void reset() {
        paypal.resetAll();
        gateway.resetAll();
        paypal.stubFor(post("/v1/oauth2/token")
                .withBasicAuth("client", "secret")
                .withRequestBody(equalTo("grant_type=client_credentials"))
                .willReturn(
                        okJson("{\"access_token\": \"A21AA\", \"token_type\": \"Bearer\", \"expires_in\": 32400}")));
        processor = new LegacyGatewayWithPayPal(
                new LegacyGatewayProcessor(URI.create(gateway.baseUrl()), "merchant", "key", Duration.ofMillis(800)),
                URI.create(paypal.baseUrl()),
                "client",
                "secret",
                "WH-1",
                Duration.ofMillis(800),
                URI.create("https://billing.example.com"),
                Clock.systemUTC());
    }

    private ChargeCommand firstCharge(String token) {
        return new ChargeCommand(
                token,
                Money.parse("29.00", "EUR"),
                "order:4b9f:1",
                "order:4b9f0a8e-0000-4000-8000-000000000001",
                "Subscription to Edge Network Pro",
                PaymentMethodType.PAYPAL);
    }

    private static String completed(String orderId, String vaultId) {
        return """
                {"id": "%s", "status": "COMPLETED",
                 "payment_source": {"paypal": {"email_address": "buyer@example.com",
                   "attributes": {"vault": {"id": "%s", "status": "VAULTED"}}}},
                 "purchase_units": [{"payments": {"captures": [{"id": "CAP-1", "status": "COMPLETED",
                   "amount": {"currency_code": "EUR", "value": "29.00"}}]}}]}""".formatted(orderId, vaultId);
    }

    @Test
    void aFirstChargeCreatesAnOrderToBeVaultedAndSendsTheCustomerToApproveIt() {
        paypal.stubFor(post("/v2/checkout/orders").willReturn(okJson("""
                        {"id": "5O190127TN364715T", "status": "PAYER_ACTION_REQUIRED",
                         "links": [{"href": "https://api-m.paypal.com/v2/checkout/orders/5O190127TN364715T", "rel": "self"},
                                   {"href": "https://www.paypal.com/checkoutnow?token=5O190127TN364715T", "rel": "payer-action"}]}""")));
        String token = processor.createPayPalAgreement("EUR");

        var outcome = processor.charge(firstCharge(token));

        assertThat(outcome.result()).isEqualTo(Result.REQUIRES_ACTION);
        assertThat(outcome.processorReference()).isEqualTo("5O190127TN364715T");
        assertThat(outcome.actionUrl()).isEqualTo("https://www.paypal.com/checkoutnow?token=5O190127TN364715T");
        paypal.verify(postRequestedFor(urlPathEqualTo("/v2/checkout/orders"))
                .withHeader("Authorization", equalTo("Bearer A21AA"))
                .withHeader("PayPal-Request-Id", equalTo("order:4b9f:1"))
                .withRequestBody(equalToJson("""
                        {"intent": "CAPTURE",
                         "purchase_units": [{"amount": {"currency_code": "EUR", "value": "29.00"},
                           "custom_id": "order:4b9f0a8e-0000-4000-8000-000000000001",
                           "description": "Subscription to Edge Network Pro"}],
                         "payment_source": {"paypal": {
                           "experience_context": {"return_url": "https://billing.example.com/orders/4b9f0a8e-0000-4000-8000-000000000001",
                             "cancel_url": "https://billing.example.com/orders/4b9f0a8e-0000-4000-8000-000000000001",
                             "user_action": "PAY_NOW", "shipping_preference": "NO_SHIPPING"},
                           "attributes": {"vault": {"store_in_vault": "ON_SUCCESS", "usage_type": "MERCHANT"}}}}}""")));
    }

    @Test
    void anApprovedOrderIsCapturedOnceWhenLookedUpAndNamesTheVaultedAgreement() {
        paypal.stubFor(get("/v2/checkout/orders/5O190127TN364715T")
                .willReturn(okJson("{\"id\": \"5O190127TN364715T\", \"status\": \"APPROVED\"}")));
        paypal.stubFor(post("/v2/checkout/orders/5O190127TN364715T/capture")
                .willReturn(okJson(completed("5O190127TN364715T", "8kk8451t"))));

        var outcome = processor.lookup(firstCharge("paypal_new_x"), "5O190127TN364715T");

        assertThat(outcome.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(outcome.savedToken()).isEqualTo("8kk8451t");
        // Its own key: a second lookup racing the webhook's is the same capture at PayPal.
        paypal.verify(postRequestedFor(urlPathEqualTo("/v2/checkout/orders/5O190127TN364715T/capture"))
                .withHeader("PayPal-Request-Id", equalTo("order:4b9f:1:capture")));
    }

    @Test
    void anOrderNotYetApprovedWaitsAndAVoidedOneFails() {
        paypal.stubFor(get("/v2/checkout/orders/WAIT").willReturn(okJson("""
                        {"id": "WAIT", "status": "PAYER_ACTION_REQUIRED",
                         "links": [{"href": "https://www.paypal.com/checkoutnow?token=WAIT", "rel": "payer-action"}]}""")));
        paypal.stubFor(
                get("/v2/checkout/orders/GONE").willReturn(okJson("{\"id\": \"GONE\", \"status\": \"VOIDED\"}")));
        paypal.stubFor(get("/v2/checkout/orders/NONE").willReturn(aResponse().withStatus(404)));

        assertThat(processor.lookup(firstCharge("paypal_new_x"), "WAIT").result())
                .isEqualTo(Result.REQUIRES_ACTION);
        var voided = processor.lookup(firstCharge("paypal_new_x"), "GONE");
        assertThat(voided.result()).isEqualTo(Result.DECLINED);
        assertThat(voided.code()).isEqualTo("approval_canceled");
        assertThat(processor.lookup(firstCharge("paypal_new_x"), "NONE").result())
                .isEqualTo(Result.NOT_FOUND);
        paypal.verify(0, postRequestedFor(urlPathEqualTo("/v2/checkout/orders/WAIT/capture")));
    }

    @Test
    void aRenewalChargesTheVaultedAgreementWithoutTheCustomer() {
        paypal.stubFor(post("/v2/checkout/orders")
                .withRequestBody(matchingJsonPath("$.payment_source.paypal.vault_id", equalTo("8kk8451t")))
                .willReturn(okJson(completed("RENEW1", "8kk8451t"))));

        var outcome = processor.charge(new ChargeCommand(
                "8kk8451t",
                Money.parse("29.00", "EUR"),
                "invoice:9:1",
                "invoice:9",
                "Invoice INV-2027-000001",
                PaymentMethodType.PAYPAL));

        assertThat(outcome.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(outcome.processorReference()).isEqualTo("RENEW1");
        paypal.verify(postRequestedFor(urlPathEqualTo("/v2/checkout/orders"))
                .withRequestBody(
                        equalToJson("{\"payment_source\": {\"paypal\": {\"vault_id\": \"8kk8451t\"}}}", true, true)));
    }

    @Test
    void declinesCancelledAgreementsAndOutagesMapToWhatAbacusActsOn() {
        ChargeCommand renewal = new ChargeCommand(
                "8kk8451t", Money.parse("29.00", "EUR"), "k", "invoice:9", "x", PaymentMethodType.PAYPAL);
        paypal.stubFor(
                post("/v2/checkout/orders")
                        .willReturn(
                                aResponse()
                                        .withStatus(422)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"name\": \"UNPROCESSABLE_ENTITY\", \"details\": [{\"issue\": \"INSTRUMENT_DECLINED\"}]}")));
        var declined = processor.charge(renewal);
        assertThat(declined.result()).isEqualTo(Result.DECLINED);
        assertThat(declined.code()).isEqualTo("paypal_declined");

        paypal.stubFor(post("/v2/checkout/orders")
                .willReturn(aResponse()
                        .withStatus(422)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"details\": [{\"issue\": \"AGREEMENT_ALREADY_CANCELLED\"}]}")));
        // The customer cancelled the agreement at PayPal: Abacus revokes the method and never charges it again.
        assertThat(processor.charge(renewal).code()).isEqualTo("mandate_revoked");

        paypal.stubFor(post("/v2/checkout/orders").willReturn(aResponse().withStatus(503)));
        assertThat(processor.charge(renewal).result()).isEqualTo(Result.ERROR);
        paypal.stubFor(post("/v2/checkout/orders").willReturn(aResponse().withStatus(500)));
        assertThat(processor.charge(renewal).result()).isEqualTo(Result.UNKNOWN);
        paypal.stubFor(post("/v2/checkout/orders")
                .willReturn(aResponse().withFixedDelay(2_000).withStatus(201)));
        var timedOut = processor.charge(renewal);
        assertThat(timedOut.result()).isEqualTo(Result.UNKNOWN);
        assertThat(timedOut.code()).isEqualTo("timeout");
    }

    @Test
    void anUnansweredChargeIsLookedUpBySendingItAgainUnderTheSameKeyOnlyIfMoneyCouldHaveMoved() {
        paypal.stubFor(post("/v2/checkout/orders").willReturn(okJson(completed("RENEW2", "8kk8451t"))));
        // A first charge moves no money before our capture: unanswered, nothing happened, and PayPal is not asked.
        assertThat(processor.lookup(firstCharge("paypal_new_x"), null).result()).isEqualTo(Result.NOT_FOUND);
        paypal.verify(0, postRequestedFor(urlPathEqualTo("/v2/checkout/orders")));

        ChargeCommand renewal = new ChargeCommand(
                "8kk8451t", Money.parse("29.00", "EUR"), "invoice:9:2", "invoice:9", "x", PaymentMethodType.PAYPAL);
        var outcome = processor.lookup(renewal, null);

        assertThat(outcome.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(outcome.processorReference()).isEqualTo("RENEW2");
        paypal.verify(postRequestedFor(urlPathEqualTo("/v2/checkout/orders"))
                .withHeader("PayPal-Request-Id", equalTo("invoice:9:2")));
    }

    @Test
    void aRefundReturnsMoneyFromTheOrdersCapture() {
        paypal.stubFor(get("/v2/checkout/orders/5O190127TN364715T")
                .willReturn(okJson(completed("5O190127TN364715T", "8kk8451t"))));
        paypal.stubFor(post("/v2/payments/captures/CAP-1/refund")
                .willReturn(okJson("{\"id\": \"1JU08902781691411\", \"status\": \"COMPLETED\"}")));

        var outcome = processor.refund(new RefundCommand(
                "5O190127TN364715T",
                Money.parse("10.50", "EUR"),
                "refund-key-1",
                "Duplicate charge",
                PaymentMethodType.PAYPAL));

        assertThat(outcome.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(outcome.processorReference()).isEqualTo("1JU08902781691411");
        paypal.verify(postRequestedFor(urlPathEqualTo("/v2/payments/captures/CAP-1/refund"))
                .withHeader("PayPal-Request-Id", equalTo("refund-key-1"))
                .withRequestBody(equalToJson("""
                        {"amount": {"value": "10.50", "currency_code": "EUR"}, "note_to_payer": "Duplicate charge"}""")));
    }

    @Test
    void cardsStillGoToTheGatewayAndOneAccessTokenServesManyCalls() {
        gateway.stubFor(
                post("/v2/transactions")
                        .willReturn(
                                aResponse()
                                        .withStatus(201)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"transaction\": {\"id\": \"lg_txn_1\", \"status\": \"submitted_for_settlement\"}}")));
        paypal.stubFor(get("/v2/checkout/orders/A").willReturn(okJson("{\"id\": \"A\", \"status\": \"CREATED\"}")));

        var card = processor.charge(
                new ChargeCommand("lg_tok", Money.parse("1500", "JPY"), "invoice:1:1", "invoice:1", "Invoice"));
        processor.lookup(firstCharge("paypal_new_x"), "A");
        processor.lookup(firstCharge("paypal_new_x"), "A");

        assertThat(card.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(card.processorReference()).isEqualTo("lg_txn_1");
        paypal.verify(1, postRequestedFor(urlPathEqualTo("/v1/oauth2/token")));
    }

    @Test
    void aWebhookIsGenuineOnlyWhenPayPalSaysSoForOurWebhookId() {
        var event = JsonMapper.builder()
                .build()
                .readTree("{\"id\": \"WH-EVT-1\", \"event_type\": \"CHECKOUT.ORDER.APPROVED\","
                        + " \"resource\": {\"id\": \"5O190127TN364715T\"}}");
        Map<String, String> transmission = Map.of(
                "auth_algo", "SHA256withRSA",
                "cert_url", "https://api-m.paypal.com/v1/notifications/certs/CERT-1",
                "transmission_id", "69cd13f0-d67a-11e5-baa3-778b53f4ae55",
                "transmission_sig",
                        "lmI95Jx3Y9nhR5SJWlHVIWpg4AgFk7n9bCHSRxbrd8A9zrhdu2rMyFrmz+Zjh3s3boXB07VXCXUZy/UFzUlnGJn0wDugt7FlSvdKeIJenLRemUxYCPVoEZzg9VFNqOa48gMkvF+XTpxBeUx/kWy6B5cp7GkT2+pOowfRK7OaynuxUoKW3JcMWw272VKjLTtTAShncla7tGF+55rxyt2KNZIIqxNMJ48RDZheGU5w1npu9dZHnPgTXB9iomeVRoD8O/jhRpnKsGrDschyNdkeh81BJJMH4Ctc6lnCCquoP/GzCzz33MMsNdid7vL/NIWaCsekQpW26FpWPi/tfj8nLA==",
                "transmission_time", "2026-12-02T16:00:00Z");
        paypal.stubFor(post("/v1/notifications/verify-webhook-signature")
                .withRequestBody(matchingJsonPath("$.webhook_id", equalTo("WH-1")))
                .withRequestBody(matchingJsonPath("$.webhook_event.id", equalTo("WH-EVT-1")))
                .withRequestBody(containing("\"transmission_id\":\"69cd13f0-d67a-11e5-baa3-778b53f4ae55\""))
                .willReturn(okJson("{\"verification_status\": \"SUCCESS\"}")));

        assertThat(processor.payPalWebhookGenuine(transmission, event)).isTrue();

        paypal.stubFor(post("/v1/notifications/verify-webhook-signature")
                .willReturn(okJson("{\"verification_status\": \"FAILURE\"}")));
        assertThat(processor.payPalWebhookGenuine(transmission, event)).isFalse();
    }
}
