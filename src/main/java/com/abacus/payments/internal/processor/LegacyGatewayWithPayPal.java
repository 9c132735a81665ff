package com.abacus.payments.internal.processor;

import com.abacus.payments.PaymentMethodType;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The legacy slot as the reference company runs it: cards through its gateway, PayPal through PayPal's own REST API
 * (the gateway never took PayPal). Each call goes to the one that holds the method; PayPal's charges are known by
 * their order ids, so PayPal is asked for those and the gateway for the rest.
 */
public class LegacyGatewayWithPayPal implements PaymentProcessor {

    private final LegacyGatewayProcessor gateway;
    private final PayPalOrders payPal;
    private final String webhookId;

    /**
     * @param payPalUrl PayPal's REST API ({@code https://api-m.paypal.com}, or the sandbox's)
     * @param webhookId the id PayPal gave our webhook: its signature check names it
     * @param publicUrl where customers reach Abacus: PayPal sends them back to their order there
     */
    public LegacyGatewayWithPayPal(
            LegacyGatewayProcessor gateway,
            URI payPalUrl,
            String clientId,
            String clientSecret,
            String webhookId,
            Duration timeout,
            URI publicUrl,
            Clock clock) {
        this.gateway = gateway;
        this.payPal = new PayPalOrders(payPalUrl, clientId, clientSecret, timeout, publicUrl, clock);
        this.webhookId = webhookId;
    }

    @Override
    public String adapter() {
        return gateway.adapter();
    }

    @Override
    public CardToken tokenize(CardDetails card) {
        return gateway.tokenize(card);
    }

    @Override
    public String createPayPalAgreement(String currency) {
        return payPal.newAgreement();
    }

    @Override
    public ChargeOutcome charge(ChargeCommand command) {
        return command.methodType() == PaymentMethodType.PAYPAL ? payPal.charge(command) : gateway.charge(command);
    }

    @Override
    public ChargeOutcome lookup(String idempotencyKey) {
        return gateway.lookup(idempotencyKey);
    }

    @Override
    public ChargeOutcome lookup(ChargeCommand command, String processorReference) {
        return command.methodType() == PaymentMethodType.PAYPAL
                ? payPal.lookup(command, processorReference)
                : gateway.lookup(command.idempotencyKey());
    }

    @Override
    public RefundOutcome refund(RefundCommand command) {
        return command.methodType() == PaymentMethodType.PAYPAL ? payPal.refund(command) : gateway.refund(command);
    }

    @Override
    public CardToken importToken(String legacyToken) {
        return gateway.importToken(legacyToken);
    }

    @Override
    public boolean verify(String token, String currency) {
        return gateway.verify(token, currency);
    }

    @Override
    public boolean payPalWebhookGenuine(Map<String, String> transmission, JsonNode event) {
        return webhookId != null && !webhookId.isBlank() && payPal.verifyWebhook(transmission, event, webhookId);
    }
}
