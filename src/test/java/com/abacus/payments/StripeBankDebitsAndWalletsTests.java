package com.abacus.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.abacus.payments.internal.processor.PaymentProcessor.BankAccount;
import com.abacus.payments.internal.processor.PaymentProcessor.ChargeCommand;
import com.abacus.payments.internal.processor.PaymentProcessor.Result;
import com.abacus.payments.internal.processor.StripeProcessor;
import com.abacus.shared.Money;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Stripe-shaped adapter's SEPA Direct Debit and PayPal against an HTTP stub with Stripe's payloads (trimmed): the
 * mandate set up off-session with the customer's acceptance, a debit that is processing until it settles, a PayPal
 * charge that sends the customer to PayPal and back to their order.
 */
class StripeBankDebitsAndWalletsTests {

    static WireMockServer stripe;
    StripeProcessor processor;

    @BeforeAll
    static void start() {
        stripe = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        stripe.start();
    }

    @AfterAll
    static void stop() {
        stripe.stop();
    }

    @BeforeEach
    void reset() {
        stripe.resetAll();
        processor = new StripeProcessor(
                URI.create(stripe.baseUrl()),
                "sk_test_abacus",
                Duration.ofSeconds(5),
                URI.create("https://billing.example.com/"));
    }

    @Test
    void aSepaMandateIsAPaymentMethodSetUpOffSessionWithTheCustomersAcceptance() {
        stripe.stubFor(post("/v1/payment_methods")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody("{\"id\": \"pm_sepa\", \"object\": \"payment_method\", \"type\": \"sepa_debit\"}")));
        stripe.stubFor(post("/v1/setup_intents")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody("{\"id\": \"seti_1\", \"object\": \"setup_intent\", \"status\": \"succeeded\","
                                + " \"mandate\": \"mandate_1\", \"payment_method\": \"pm_sepa\"}")));
        Instant accepted = Instant.parse("2026-12-02T10:00:00Z");
        String token = processor.tokenizeBankAccount(
                new BankAccount("DE89370400440532013000", "ABACUS-REF", accepted, "Greta Graf", "greta@example.com"));

        assertThat(token).isEqualTo("pm_sepa|mandate_1");
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/payment_methods"))
                .withRequestBody(containing("type=sepa_debit"))
                .withRequestBody(containing("DE89370400440532013000"))
                .withRequestBody(containing("Greta+Graf"))
                .withRequestBody(containing("ABACUS-REF")));
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/setup_intents"))
                .withRequestBody(containing("payment_method=pm_sepa"))
                .withRequestBody(containing("usage=off_session"))
                .withRequestBody(containing("offline"))
                .withRequestBody(containing(String.valueOf(accepted.getEpochSecond()))));
    }

    @Test
    void aSepaDebitIsProcessingUntilItSettlesAndNamesItsMandate() {
        stripe.stubFor(post("/v1/payment_intents")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody("{\"id\": \"pi_sepa\", \"object\": \"payment_intent\", \"amount\": 4700,"
                                + " \"currency\": \"eur\", \"status\": \"processing\","
                                + " \"payment_method_types\": [\"sepa_debit\"]}")));
        var outcome = processor.charge(new ChargeCommand(
                "pm_sepa|mandate_1",
                Money.parse("47.00", "EUR"),
                "invoice:1:1",
                "invoice:" + UUID.randomUUID(),
                "Invoice",
                PaymentMethodType.SEPA_DEBIT));

        assertThat(outcome.result()).isEqualTo(Result.PROCESSING);
        assertThat(outcome.processorReference()).isEqualTo("pi_sepa");
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                .withRequestBody(containing("payment_method=pm_sepa"))
                .withRequestBody(containing("mandate=mandate_1"))
                .withRequestBody(containing("sepa_debit"))
                .withRequestBody(containing("off_session=true")));
    }

    @Test
    void aPayPalChargeSendsTheCustomerToPayPalAndBackToTheirOrder() {
        UUID order = UUID.randomUUID();
        stripe.stubFor(post("/v1/payment_intents")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody("{\"id\": \"pi_pp\", \"object\": \"payment_intent\", \"amount\": 4000,"
                                + " \"currency\": \"gbp\", \"status\": \"requires_action\","
                                + " \"payment_method_types\": [\"paypal\"], \"next_action\": {\"type\":"
                                + " \"redirect_to_url\", \"redirect_to_url\": {\"url\":"
                                + " \"https://www.paypal.com/checkoutnow?token=EC-1\", \"return_url\":"
                                + " \"https://billing.example.com/orders/" + order + "\"}}}")));
        var outcome = processor.charge(new ChargeCommand(
                "pm_paypal",
                Money.parse("40.00", "GBP"),
                "order:" + order,
                "order:" + order,
                "Subscription",
                PaymentMethodType.PAYPAL));

        assertThat(outcome.result()).isEqualTo(Result.REQUIRES_ACTION);
        assertThat(outcome.actionUrl()).isEqualTo("https://www.paypal.com/checkoutnow?token=EC-1");
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                .withRequestBody(containing("payment_method=pm_paypal"))
                .withRequestBody(containing("paypal"))
                .withRequestBody(containing("setup_future_usage=off_session"))
                .withRequestBody(containing("return_url=https%3A%2F%2Fbilling.example.com%2Forders%2F" + order)));
    }

    @Test
    void aPayPalAgreementIsAPayPalPaymentMethod() {
        stripe.stubFor(post("/v1/payment_methods")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody("{\"id\": \"pm_paypal\", \"object\": \"payment_method\", \"type\": \"paypal\"}")));
        assertThat(processor.createPayPalAgreement("GBP")).isEqualTo("pm_paypal");
        stripe.verify(
                postRequestedFor(urlPathEqualTo("/v1/payment_methods")).withRequestBody(containing("type=paypal")));
    }
}
