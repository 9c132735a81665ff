package com.abacus.payments.internal.processor;

import com.abacus.payments.internal.processor.PaymentProcessor.ChargeCommand;
import com.abacus.payments.internal.processor.PaymentProcessor.ChargeOutcome;
import com.abacus.payments.internal.processor.PaymentProcessor.RefundCommand;
import com.abacus.payments.internal.processor.PaymentProcessor.RefundOutcome;
import com.abacus.payments.internal.processor.PaymentProcessor.Result;
import com.abacus.shared.ChargeReference;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * PayPal on the legacy slot, through PayPal's REST API (Orders v2 and its vault), beside the legacy card gateway.
 *
 * <pre>
 * POST /v1/oauth2/token                  grant_type=client_credentials (Basic client id:secret) -> {access_token, expires_in}
 * POST /v2/checkout/orders               PayPal-Request-Id: our key
 *      first charge: payment_source.paypal {experience_context, attributes.vault.store_in_vault=ON_SUCCESS}
 *                    -> {id, status: PAYER_ACTION_REQUIRED, links: [{rel: payer-action, href}]}
 *      renewal:      payment_source.paypal.vault_id -> {id, status: COMPLETED, purchase_units[0].payments.captures[0]}
 * GET  /v2/checkout/orders/{id}          -> status CREATED | PAYER_ACTION_REQUIRED | APPROVED | COMPLETED | VOIDED
 * POST /v2/checkout/orders/{id}/capture  -> {status: COMPLETED, payment_source.paypal.attributes.vault.id, captures}
 * POST /v2/payments/captures/{id}/refund {amount} -> {id, status: COMPLETED | PENDING}
 * POST /v1/notifications/verify-webhook-signature -> {verification_status: SUCCESS}
 * </pre>
 *
 * The processor reference of a charge is PayPal's order id. PayPal cannot search orders by our key, so a charge whose
 * create call went unanswered is looked up by sending the same call again with the same {@code PayPal-Request-Id}:
 * PayPal answers with what it did the first time, or does it now, once.
 */
final class PayPalOrders {

    /** Token of an agreement the customer has not approved yet; its first charge sends them to PayPal. */
    static final String NOT_YET_VAULTED = "paypal_new_";

    private final RestClient http;
    private final String clientId;
    private final String clientSecret;
    private final URI publicUrl;
    private final Clock clock;
    private String accessToken;
    private Instant accessTokenExpires = Instant.EPOCH;

    PayPalOrders(URI baseUrl, String clientId, String clientSecret, Duration timeout, URI publicUrl, Clock clock) {
        this.http = ProcessorHttp.client(baseUrl, timeout).build();
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    String newAgreement() {
        return NOT_YET_VAULTED + UUID.randomUUID();
    }

    ChargeOutcome charge(ChargeCommand command) {
        try {
            JsonNode order = http.post()
                    .uri("/v2/checkout/orders")
                    .header("Authorization", bearer())
                    .header("PayPal-Request-Id", command.idempotencyKey())
                    .header("Prefer", "return=representation")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(orderRequest(command))
                    .retrieve()
                    .body(JsonNode.class);
            return PayPalOutcomes.ofOrder(order);
        } catch (HttpStatusCodeException e) {
            return PayPalOutcomes.failure(e.getStatusCode(), e.getResponseBodyAsString());
        } catch (ResourceAccessException e) {
            return ProcessorHttp.unreachable(e);
        }
    }

    /**
     * The order's state; an order the customer approved is captured here (with a key of its own, so capturing twice
     * captures once), which is how an approval becomes a payment whether the webhook or the reconciler asks first.
     */
    ChargeOutcome lookup(ChargeCommand command, String orderId) {
        if (orderId == null) {
            // The create call went unanswered. A first charge moves no money until we capture it after the customer's
            // approval, which they never saw: nothing happened. A vaulted renewal is sent again under the same key.
            return command.token() == null || command.token().startsWith(NOT_YET_VAULTED)
                    ? ChargeOutcome.of(Result.NOT_FOUND, null)
                    : charge(command);
        }
        try {
            JsonNode order = http.get()
                    .uri("/v2/checkout/orders/{id}", orderId)
                    .header("Authorization", bearer())
                    .retrieve()
                    .body(JsonNode.class);
            if (!"APPROVED".equals(order.path("status").asString())) {
                return PayPalOutcomes.ofOrder(order);
            }
            JsonNode captured = http.post()
                    .uri("/v2/checkout/orders/{id}/capture", orderId)
                    .header("Authorization", bearer())
                    .header("PayPal-Request-Id", command.idempotencyKey() + ":capture")
                    .header("Prefer", "return=representation")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{}")
                    .retrieve()
                    .body(JsonNode.class);
            return PayPalOutcomes.ofOrder(captured);
        } catch (HttpStatusCodeException e) {
            if (e.getStatusCode().value() == 404) {
                return ChargeOutcome.of(Result.NOT_FOUND, null);
            }
            return PayPalOutcomes.failure(e.getStatusCode(), e.getResponseBodyAsString());
        } catch (ResourceAccessException e) {
            return ProcessorHttp.unreachable(e);
        }
    }

    /** Refunds the order's capture (PayPal refunds captures, not orders). */
    RefundOutcome refund(RefundCommand command) {
        try {
            JsonNode order = http.get()
                    .uri("/v2/checkout/orders/{id}", command.chargeReference())
                    .header("Authorization", bearer())
                    .retrieve()
                    .body(JsonNode.class);
            String captureId = PayPalOutcomes.capture(order).path("id").asString(null);
            if (captureId == null) {
                return new RefundOutcome(Result.DECLINED, null, "not_captured");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put(
                    "amount",
                    Map.of(
                            "value", command.amount().toPlainString(),
                            "currency_code", command.amount().currencyCode()));
            if (command.reason() != null && !command.reason().isBlank()) {
                body.put(
                        "note_to_payer",
                        command.reason().length() > 255 ? command.reason().substring(0, 255) : command.reason());
            }
            JsonNode refund = http.post()
                    .uri("/v2/payments/captures/{id}/refund", captureId)
                    .header("Authorization", bearer())
                    .header("PayPal-Request-Id", command.idempotencyKey())
                    .header("Prefer", "return=representation")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .retrieve()
                    .body(JsonNode.class);
            String status = refund.path("status").asString();
            Result result = switch (status) {
                case "COMPLETED" -> Result.SUCCEEDED;
                case "CANCELLED", "FAILED" -> Result.DECLINED;
                default -> Result.UNKNOWN; // PENDING: PAYMENT.CAPTURE.REFUNDED (or the next resend) settles it
            };
            return new RefundOutcome(result, refund.path("id").asString(null), status.toLowerCase());
        } catch (HttpStatusCodeException e) {
            ChargeOutcome failure = PayPalOutcomes.failure(e.getStatusCode(), e.getResponseBodyAsString());
            return new RefundOutcome(failure.result(), null, failure.code());
        } catch (ResourceAccessException e) {
            ChargeOutcome failure = ProcessorHttp.unreachable(e);
            return new RefundOutcome(failure.result(), null, failure.code());
        }
    }

    /**
     * Asks PayPal whether a webhook delivery is genuine: PayPal signs with a certificate, and its verification call
     * checks the transmission headers against the event and our webhook's id.
     */
    boolean verifyWebhook(Map<String, String> transmission, JsonNode event, String webhookId) {
        Map<String, Object> body = new LinkedHashMap<>(transmission);
        body.put("webhook_id", webhookId);
        body.put("webhook_event", event);
        try {
            JsonNode answer = http.post()
                    .uri("/v1/notifications/verify-webhook-signature")
                    .header("Authorization", bearer())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .retrieve()
                    .body(JsonNode.class);
            return "SUCCESS".equals(answer.path("verification_status").asString());
        } catch (HttpStatusCodeException | ResourceAccessException e) {
            return false;
        }
    }

    private Map<String, Object> orderRequest(ChargeCommand command) {
        Map<String, Object> unit = new LinkedHashMap<>();
        unit.put(
                "amount",
                Map.of(
                        "currency_code", command.amount().currencyCode(),
                        "value", command.amount().toPlainString()));
        if (command.reference() != null) {
            unit.put("custom_id", command.reference());
        }
        if (command.description() != null) {
            unit.put("description", command.description());
        }
        Map<String, Object> source;
        if (command.token() != null && !command.token().startsWith(NOT_YET_VAULTED)) {
            source = Map.of("vault_id", command.token());
        } else {
            String back = returnUrl(command.reference());
            source = Map.of(
                    "experience_context",
                    Map.of(
                            "return_url",
                            back,
                            "cancel_url",
                            back,
                            "user_action",
                            "PAY_NOW",
                            "shipping_preference",
                            "NO_SHIPPING"),
                    "attributes",
                    Map.of("vault", Map.of("store_in_vault", "ON_SUCCESS", "usage_type", "MERCHANT")));
        }
        return Map.of(
                "intent",
                "CAPTURE",
                "purchase_units",
                java.util.List.of(unit),
                "payment_source",
                Map.of("paypal", source));
    }

    private String returnUrl(String reference) {
        String base = publicUrl.toString().replaceAll("/$", "");
        return ChargeReference.orderOf(reference)
                .map(order -> base + "/orders/" + order)
                .orElse(base + "/account");
    }

    /** An OAuth access token, fetched with the client credentials and kept until a minute before it expires. */
    private synchronized String bearer() {
        if (accessToken == null || clock.instant().isAfter(accessTokenExpires)) {
            JsonNode token = http.post()
                    .uri("/v1/oauth2/token")
                    .headers(h -> h.setBasicAuth(clientId, clientSecret))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body("grant_type=client_credentials")
                    .retrieve()
                    .body(JsonNode.class);
            accessToken = token.path("access_token").asString();
            accessTokenExpires = clock.instant()
                    .plusSeconds(Math.max(0, token.path("expires_in").asLong(0) - 60));
        }
        return "Bearer " + accessToken;
    }
}
