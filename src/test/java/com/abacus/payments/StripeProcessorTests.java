package com.abacus.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.abacus.payments.internal.processor.PaymentProcessor.CardDetails;
import com.abacus.payments.internal.processor.PaymentProcessor.ChargeCommand;
import com.abacus.payments.internal.processor.PaymentProcessor.ProcessorException;
import com.abacus.payments.internal.processor.PaymentProcessor.RefundCommand;
import com.abacus.payments.internal.processor.PaymentProcessor.Result;
import com.abacus.payments.internal.processor.StripeProcessor;
import com.abacus.shared.Money;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The new processor's adapter against a Stripe-shaped HTTP stub (real Stripe payloads, trimmed): the outcomes the rest
 * of Abacus relies on — captured, declined with its code, needs authentication, unknown (timeout, ambiguous 5xx), not
 * sent (unreachable, 503) — and our idempotency key travelling with every charge and refund.
 */
class StripeProcessorTests {

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
        processor = new StripeProcessor(URI.create(stripe.baseUrl()), "sk_test_abacus", Duration.ofMillis(800));
    }

    static ChargeCommand charge(String key) {
        return new ChargeCommand("pm_card_visa", Money.parse("50.00", "USD"), key, "order:1", "Pro");
    }

    static String intent(String id, String status) {
        return """
                {"id": "%s", "object": "payment_intent", "amount": 5000, "currency": "usd", "status": "%s",
                 "metadata": {"abacus_idempotency_key": "k"}, "livemode": false}""".formatted(id, status);
    }

    @Test
    void aSucceededPaymentIntentIsCapturedAndCarriesOurIdempotencyKey() {
        stripe.stubFor(post("/v1/payment_intents")
                .willReturn(aResponse().withStatus(200).withBody(intent("pi_ok", "succeeded"))));
        var outcome = processor.charge(charge("order:abc"));
        assertThat(outcome.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(outcome.processorReference()).isEqualTo("pi_ok");
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                .withHeader("Idempotency-Key", equalTo("order:abc"))
                .withRequestBody(containing("amount=5000"))
                .withRequestBody(containing("currency=usd"))
                .withRequestBody(containing("confirm=true")));
    }

    @Test
    void aCardErrorIsADeclineWithItsDeclineCode() {
        stripe.stubFor(post("/v1/payment_intents")
                .willReturn(aResponse().withStatus(402).withBody("""
                {"error": {"type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds",
                 "message": "Your card has insufficient funds.",
                 "payment_intent": {"id": "pi_declined", "object": "payment_intent", "status": "requires_payment_method"}}}""")));
        var outcome = processor.charge(charge("k1"));
        assertThat(outcome.result()).isEqualTo(Result.DECLINED);
        assertThat(outcome.code()).isEqualTo("insufficient_funds");
        assertThat(outcome.processorReference()).isEqualTo("pi_declined");
    }

    @Test
    void requiresActionIsNotADecline() {
        stripe.stubFor(post("/v1/payment_intents")
                .willReturn(aResponse().withStatus(200).withBody(intent("pi_3ds", "requires_action"))));
        assertThat(processor.charge(charge("k2")).result()).isEqualTo(Result.REQUIRES_ACTION);
    }

    @Test
    void aTimeoutIsUnknownNeverAFailure() {
        stripe.stubFor(post("/v1/payment_intents")
                .willReturn(
                        aResponse().withFixedDelay(2_000).withStatus(200).withBody(intent("pi_slow", "succeeded"))));
        var outcome = processor.charge(charge("k3"));
        assertThat(outcome.result()).isEqualTo(Result.UNKNOWN);
        assertThat(outcome.code()).isEqualTo("timeout");
    }

    @Test
    void anAmbiguous500IsUnknownAndA503WasNotSent() {
        stripe.stubFor(post("/v1/payment_intents")
                .willReturn(aResponse().withStatus(500).withBody("""
                {"error": {"type": "api_error", "message": "Something went wrong"}}""")));
        assertThat(processor.charge(charge("k4")).result()).isEqualTo(Result.UNKNOWN);
        stripe.resetAll();
        stripe.stubFor(post("/v1/payment_intents")
                .willReturn(aResponse().withStatus(503).withBody("""
                {"error": {"type": "api_error", "message": "Service unavailable"}}""")));
        assertThat(processor.charge(charge("k5")).result()).isEqualTo(Result.ERROR);
    }

    @Test
    void anUnreachableProcessorIsAnErrorSoAnotherCanTry() {
        var nowhere = new StripeProcessor(URI.create("http://127.0.0.1:9"), "sk_test", Duration.ofMillis(500));
        assertThat(nowhere.charge(charge("k6")).result()).isEqualTo(Result.ERROR);
    }

    @Test
    void lookupFindsTheChargeMadeWithOurKey() {
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/search"))
                .willReturn(aResponse().withStatus(200).withBody("""
                {"object": "search_result", "data": [%s], "has_more": false}""".formatted(intent("pi_found", "succeeded")))));
        var found = processor.lookup("order:xyz");
        assertThat(found.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(found.processorReference()).isEqualTo("pi_found");
        assertThat(stripe.getAllServeEvents().get(0).getRequest().getUrl()).contains("order%3Axyz");

        stripe.resetAll();
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/search"))
                .willReturn(aResponse().withStatus(200).withBody("""
                {"object": "search_result", "data": [], "has_more": false}""")));
        assertThat(processor.lookup("order:none").result()).isEqualTo(Result.NOT_FOUND);
    }

    @Test
    void refundsAreIdempotentToo() {
        stripe.stubFor(
                post("/v1/refunds").willReturn(aResponse().withStatus(200).withBody("""
                {"id": "re_1", "object": "refund", "amount": 2000, "currency": "usd", "payment_intent": "pi_ok", "status": "succeeded"}""")));
        var outcome = processor.refund(new RefundCommand("pi_ok", Money.parse("20.00", "USD"), "refund-key", "Outage"));
        assertThat(outcome.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(outcome.processorReference()).isEqualTo("re_1");
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/refunds"))
                .withHeader("Idempotency-Key", equalTo("refund-key"))
                .withRequestBody(containing("payment_intent=pi_ok"))
                .withRequestBody(containing("amount=2000")));
    }

    @Test
    void cardsAreImportedAndVerifiedWithAZeroAmountSetupIntent() {
        stripe.stubFor(post("/v1/payment_methods")
                .willReturn(aResponse().withStatus(200).withBody("""
                {"id": "pm_imported", "object": "payment_method", "type": "card", "card": {"brand": "visa", "last4": "4242"}}""")));
        stripe.stubFor(
                post("/v1/setup_intents").willReturn(aResponse().withStatus(200).withBody("""
                {"id": "seti_1", "object": "setup_intent", "status": "succeeded", "payment_method": "pm_imported"}""")));
        var token = processor.importToken("lg_tok_123");
        assertThat(token.token()).isEqualTo("pm_imported");
        assertThat(processor.verify(token.token(), "USD")).isTrue();
        stripe.verify(
                postRequestedFor(urlPathEqualTo("/v1/payment_methods")).withRequestBody(containing("lg_tok_123")));

        stripe.stubFor(post("/v1/payment_methods")
                .willReturn(aResponse().withStatus(400).withBody("""
                {"error": {"type": "invalid_request_error", "code": "token_already_used", "message": "Token used"}}""")));
        assertThatThrownBy(() -> processor.importToken("lg_bad")).isInstanceOf(ProcessorException.class);
    }

    @Test
    void tokenisesACard() {
        stripe.stubFor(post("/v1/payment_methods")
                .willReturn(aResponse().withStatus(200).withBody("""
                {"id": "pm_new", "object": "payment_method", "type": "card", "card": {"brand": "mastercard", "last4": "4444"}}""")));
        var token = processor.tokenize(new CardDetails("5555555555554444", 12, 2031, "123"));
        assertThat(token.brand()).isEqualTo("mastercard");
        assertThat(token.last4()).isEqualTo("4444");
    }
}
