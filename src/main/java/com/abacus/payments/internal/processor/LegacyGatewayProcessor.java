package com.abacus.payments.internal.processor;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The legacy processor: a Braintree-style gateway. JSON over HTTPS, Basic auth with merchant id and key, amounts as
 * decimal strings, transactions submitted for settlement in one call, refunds as credit transactions.
 *
 * <pre>
 * POST /v2/payment_methods            {"card": {...}}                 -> {"payment_method": {"token", "card_type", "last_4"}}
 * POST /v2/transactions               {"transaction": {"type": "sale", ...}}, Idempotency-Key
 *                                      -> 201 {"transaction": {"id", "status": "submitted_for_settlement"}}
 *                                      -> 422 {"transaction": {"id", "status": "processor_declined", "processor_response_code", ...}}
 * GET  /v2/transactions?idempotency_key=...  -> {"transactions": [...]}
 * POST /v2/transactions/{id}/refunds  {"refund": {"amount"}}, Idempotency-Key -> {"transaction": {"id", "type": "credit", "status"}}
 * </pre>
 */
public class LegacyGatewayProcessor implements PaymentProcessor {

    private final RestClient http;

    public LegacyGatewayProcessor(URI baseUrl, String merchantId, String apiKey, Duration timeout) {
        String credentials = Base64.getEncoder().encodeToString((merchantId + ":" + apiKey).getBytes());
        this.http = ProcessorHttp.client(baseUrl, timeout)
                .defaultHeader("Authorization", "Basic " + credentials)
                .build();
    }

    @Override
    public String adapter() {
        return "legacy-gateway";
    }

    @Override
    public CardToken tokenize(CardDetails card) {
        try {
            JsonNode body = http.post()
                    .uri("/v2/payment_methods")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of(
                            "card",
                            Map.of(
                                    "number",
                                    card.number(),
                                    "expiration_month",
                                    card.expMonth(),
                                    "expiration_year",
                                    card.expYear(),
                                    "cvv",
                                    card.cvc() == null ? "" : card.cvc())))
                    .retrieve()
                    .body(JsonNode.class);
            JsonNode method = body.path("payment_method");
            return new CardToken(
                    method.path("token").asString(),
                    method.path("card_type").asString().toLowerCase(),
                    method.path("last_4").asString());
        } catch (HttpStatusCodeException e) {
            throw new ProcessorException("tokenize_failed", e.getResponseBodyAsString());
        } catch (ResourceAccessException e) {
            throw new ProcessorException("processor_unreachable", e.getMessage());
        }
    }

    @Override
    public ChargeOutcome charge(ChargeCommand command) {
        Map<String, Object> sale = Map.of(
                "transaction",
                Map.of(
                        "type", "sale",
                        "amount", command.amount().toPlainString(),
                        "currency_iso_code", command.amount().currencyCode(),
                        "payment_method_token", command.token(),
                        "order_id", command.reference() == null ? "" : command.reference(),
                        "options", Map.of("submit_for_settlement", true)));
        try {
            JsonNode body = http.post()
                    .uri("/v2/transactions")
                    .header("Idempotency-Key", command.idempotencyKey())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(sale)
                    .retrieve()
                    .body(JsonNode.class);
            return outcome(body.path("transaction"));
        } catch (HttpStatusCodeException e) {
            return failure(e.getStatusCode(), e.getResponseBodyAs(JsonNode.class));
        } catch (ResourceAccessException e) {
            return ProcessorHttp.unreachable(e);
        }
    }

    @Override
    public ChargeOutcome lookup(String idempotencyKey) {
        try {
            JsonNode body = http.get()
                    .uri(b -> b.path("/v2/transactions")
                            .queryParam("idempotency_key", idempotencyKey)
                            .build())
                    .retrieve()
                    .body(JsonNode.class);
            List<JsonNode> transactions =
                    body.path("transactions").valueStream().toList();
            return transactions.isEmpty() ? ChargeOutcome.of(Result.NOT_FOUND, null) : outcome(transactions.get(0));
        } catch (HttpStatusCodeException e) {
            return failure(e.getStatusCode(), null);
        } catch (ResourceAccessException e) {
            return ProcessorHttp.unreachable(e);
        }
    }

    @Override
    public RefundOutcome refund(RefundCommand command) {
        try {
            JsonNode body = http.post()
                    .uri("/v2/transactions/{id}/refunds", command.chargeReference())
                    .header("Idempotency-Key", command.idempotencyKey())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("refund", Map.of("amount", command.amount().toPlainString())))
                    .retrieve()
                    .body(JsonNode.class);
            JsonNode transaction = body.path("transaction");
            String status = transaction.path("status").asString();
            Result result = switch (status) {
                case "submitted_for_settlement", "settled", "settling" -> Result.SUCCEEDED;
                case "processor_declined", "gateway_rejected", "failed" -> Result.DECLINED;
                default -> Result.UNKNOWN;
            };
            return new RefundOutcome(result, transaction.path("id").asString(), status);
        } catch (HttpStatusCodeException e) {
            ChargeOutcome failure = failure(e.getStatusCode(), e.getResponseBodyAs(JsonNode.class));
            return new RefundOutcome(failure.result(), failure.processorReference(), failure.code());
        } catch (ResourceAccessException e) {
            ChargeOutcome failure = ProcessorHttp.unreachable(e);
            return new RefundOutcome(failure.result(), null, failure.code());
        }
    }

    @Override
    public CardToken importToken(String legacyToken) {
        throw new ProcessorException(
                "unsupported", "The legacy gateway is the source of the migration, not its target");
    }

    @Override
    public boolean verify(String token, String currency) {
        try {
            JsonNode body = http.post()
                    .uri("/v2/verifications")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("verification", Map.of("payment_method_token", token, "currency_iso_code", currency)))
                    .retrieve()
                    .body(JsonNode.class);
            return "verified".equals(body.path("verification").path("status").asString());
        } catch (HttpStatusCodeException | ResourceAccessException e) {
            return false;
        }
    }

    private static ChargeOutcome outcome(JsonNode transaction) {
        String id = transaction.path("id").asString(null);
        String status = transaction.path("status").asString();
        return switch (status) {
            case "submitted_for_settlement", "settling", "settled", "authorized" ->
                ChargeOutcome.of(Result.SUCCEEDED, id);
            case "gateway_rejected" ->
                "three_d_secure"
                                .equals(transaction
                                        .path("gateway_rejection_reason")
                                        .asString())
                        ? new ChargeOutcome(Result.REQUIRES_ACTION, id, "authentication_required", null)
                        : new ChargeOutcome(
                                Result.DECLINED,
                                id,
                                transaction.path("gateway_rejection_reason").asString("gateway_rejected"),
                                null);
            case "processor_declined", "failed", "voided" ->
                new ChargeOutcome(
                        Result.DECLINED,
                        id,
                        declineCode(transaction.path("processor_response_code").asString()),
                        transaction.path("processor_response_text").asString(null));
            default -> new ChargeOutcome(Result.UNKNOWN, id, status, null);
        };
    }

    /** Braintree-style response codes to the decline codes the rest of Abacus speaks. */
    private static String declineCode(String processorCode) {
        return switch (processorCode) {
            case "2001" -> "insufficient_funds";
            case "2004" -> "expired_card";
            case "2010" -> "incorrect_cvc";
            default -> "card_declined";
        };
    }

    private static ChargeOutcome failure(HttpStatusCode status, JsonNode body) {
        if (status.value() == 422 && body != null && body.has("transaction")) {
            return outcome(body.path("transaction"));
        }
        if (status.value() == 503 || status.value() == 429) {
            return new ChargeOutcome(Result.ERROR, null, "processor_unavailable", "HTTP " + status.value());
        }
        if (status.is5xxServerError()) {
            return new ChargeOutcome(Result.UNKNOWN, null, "processor_error", "HTTP " + status.value());
        }
        return new ChargeOutcome(Result.DECLINED, null, "gateway_rejected", "HTTP " + status.value());
    }
}
