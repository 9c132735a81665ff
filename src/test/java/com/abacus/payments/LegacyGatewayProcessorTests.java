package com.abacus.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.abacus.payments.internal.processor.LegacyGatewayProcessor;
import com.abacus.payments.internal.processor.PaymentProcessor.ChargeCommand;
import com.abacus.payments.internal.processor.PaymentProcessor.RefundCommand;
import com.abacus.payments.internal.processor.PaymentProcessor.Result;
import com.abacus.shared.Money;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The legacy processor's adapter against a Braintree-style gateway stub. */
class LegacyGatewayProcessorTests {

    static WireMockServer gateway;
    LegacyGatewayProcessor processor;

    @BeforeAll
    static void start() {
        gateway = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        gateway.start();
    }

    @AfterAll
    static void stop() {
        gateway.stop();
    }

    @BeforeEach
    void reset() {
        gateway.resetAll();
        processor =
                new LegacyGatewayProcessor(URI.create(gateway.baseUrl()), "merchant", "key", Duration.ofMillis(800));
    }

    static ChargeCommand sale() {
        return new ChargeCommand("lg_tok", Money.parse("1500", "JPY"), "invoice:1:1", "invoice:1", "Invoice");
    }

    @Test
    void aSaleSubmittedForSettlementIsCaptured() {
        gateway.stubFor(post("/v2/transactions")
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                {"transaction": {"id": "lg_txn_1", "type": "sale", "status": "submitted_for_settlement", "amount": "1500",
                 "currency_iso_code": "JPY", "order_id": "invoice:1"}}""")));
        var outcome = processor.charge(sale());
        assertThat(outcome.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(outcome.processorReference()).isEqualTo("lg_txn_1");
        gateway.verify(postRequestedFor(urlPathEqualTo("/v2/transactions"))
                .withHeader("Idempotency-Key", equalTo("invoice:1:1"))
                .withHeader("Authorization", equalTo("Basic bWVyY2hhbnQ6a2V5"))
                .withRequestBody(equalToJson("""
                        {"transaction": {"type": "sale", "amount": "1500", "currency_iso_code": "JPY", "payment_method_token": "lg_tok",
                         "order_id": "invoice:1", "options": {"submit_for_settlement": true}}}""")));
    }

    @Test
    void aProcessorDeclineMapsItsResponseCode() {
        gateway.stubFor(post("/v2/transactions")
                .willReturn(aResponse()
                        .withStatus(422)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                {"transaction": {"id": "lg_txn_2", "status": "processor_declined", "processor_response_code": "2001",
                 "processor_response_text": "Insufficient Funds"}}""")));
        var outcome = processor.charge(sale());
        assertThat(outcome.result()).isEqualTo(Result.DECLINED);
        assertThat(outcome.code()).isEqualTo("insufficient_funds");
    }

    @Test
    void timeoutsAndServerErrorsAreUnknownAndUnavailabilityIsNotSent() {
        gateway.stubFor(post("/v2/transactions")
                .willReturn(aResponse().withFixedDelay(2_000).withStatus(201)));
        assertThat(processor.charge(sale()).result()).isEqualTo(Result.UNKNOWN);
        gateway.resetAll();
        gateway.stubFor(post("/v2/transactions").willReturn(aResponse().withStatus(502)));
        assertThat(processor.charge(sale()).result()).isEqualTo(Result.UNKNOWN);
        gateway.resetAll();
        gateway.stubFor(post("/v2/transactions").willReturn(aResponse().withStatus(503)));
        assertThat(processor.charge(sale()).result()).isEqualTo(Result.ERROR);
    }

    @Test
    void lookupByIdempotencyKeyAndRefund() {
        gateway.stubFor(get(urlPathEqualTo("/v2/transactions"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                {"transactions": [{"id": "lg_txn_3", "status": "settled"}]}""")));
        assertThat(processor.lookup("invoice:1:1").result()).isEqualTo(Result.SUCCEEDED);

        gateway.stubFor(post("/v2/transactions/lg_txn_3/refunds")
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                {"transaction": {"id": "lg_rf_1", "type": "credit", "status": "submitted_for_settlement", "refunded_transaction_id": "lg_txn_3"}}""")));
        var refund = processor.refund(new RefundCommand("lg_txn_3", Money.parse("500", "JPY"), "rk", "goodwill"));
        assertThat(refund.result()).isEqualTo(Result.SUCCEEDED);
        gateway.verify(postRequestedFor(urlPathEqualTo("/v2/transactions/lg_txn_3/refunds"))
                .withHeader("Idempotency-Key", equalTo("rk"))
                .withRequestBody(equalToJson("{\"refund\": {\"amount\": \"500\"}}")));
    }
}
