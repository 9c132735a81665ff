package com.abacus.payments.internal.processor;

import com.abacus.payments.internal.processor.PaymentProcessor.ChargeOutcome;
import com.abacus.payments.internal.processor.PaymentProcessor.Result;
import org.springframework.http.HttpStatusCode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What PayPal's Orders v2 answers mean for a charge: an order's status and its capture, or an error's issue. */
final class PayPalOutcomes {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PayPalOutcomes() {}

    static ChargeOutcome ofOrder(JsonNode order) {
        String id = order.path("id").asString(null);
        return switch (order.path("status").asString()) {
            case "CREATED", "SAVED", "PAYER_ACTION_REQUIRED", "APPROVED" ->
                // APPROVED is answered only by a capture: until it is captured, the charge waits.
                new ChargeOutcome(Result.REQUIRES_ACTION, id, "approval_required", null, null, payerAction(order));
            case "COMPLETED" -> completed(order, id);
            case "VOIDED" -> new ChargeOutcome(Result.DECLINED, id, "approval_canceled", "The PayPal order was voided");
            default ->
                new ChargeOutcome(Result.UNKNOWN, id, order.path("status").asString(), null);
        };
    }

    /** The first capture of the order's first purchase unit (Abacus puts one in each order). */
    static JsonNode capture(JsonNode order) {
        return order.path("purchase_units")
                .path(0)
                .path("payments")
                .path("captures")
                .path(0);
    }

    /**
     * A 422 names the issue (INSTRUMENT_DECLINED, PAYER_ACTION_REQUIRED, …): no money moved. 429 and 503 mean PayPal
     * did not process the call; another 5xx leaves the outcome unknown.
     */
    static ChargeOutcome failure(HttpStatusCode status, String body) {
        if (status.value() == 503 || status.value() == 429) {
            return new ChargeOutcome(Result.ERROR, null, "processor_unavailable", "HTTP " + status.value());
        }
        if (status.is5xxServerError()) {
            return new ChargeOutcome(Result.UNKNOWN, null, "processor_error", "HTTP " + status.value());
        }
        String issue = issue(body);
        String code = switch (issue) {
            case "INSTRUMENT_DECLINED", "TRANSACTION_REFUSED", "PAYER_CANNOT_PAY" -> "paypal_declined";
            case "AGREEMENT_ALREADY_CANCELLED", "PAYMENT_SOURCE_CANNOT_BE_USED", "INVALID_PAYMENT_SOURCE" ->
                "mandate_revoked";
            case "CURRENCY_NOT_SUPPORTED_FOR_COUNTRY", "CURRENCY_NOT_SUPPORTED" -> "currency_not_supported";
            default -> "paypal_rejected";
        };
        return new ChargeOutcome(Result.DECLINED, null, code, issue.isEmpty() ? "HTTP " + status.value() : issue);
    }

    private static ChargeOutcome completed(JsonNode order, String id) {
        JsonNode capture = capture(order);
        String vaultId = order.path("payment_source")
                .path("paypal")
                .path("attributes")
                .path("vault")
                .path("id")
                .asString(null);
        return switch (capture.path("status").asString("COMPLETED")) {
            case "COMPLETED" -> new ChargeOutcome(Result.SUCCEEDED, id, null, null, null, null, vaultId);
            case "PENDING" -> new ChargeOutcome(Result.PROCESSING, id, "capture_pending", null);
            default ->
                new ChargeOutcome(
                        Result.DECLINED,
                        id,
                        "paypal_declined",
                        capture.path("status_details").path("reason").asString(null));
        };
    }

    private static String payerAction(JsonNode order) {
        for (JsonNode link : order.path("links")) {
            if ("payer-action".equals(link.path("rel").asString())
                    || "approve".equals(link.path("rel").asString())) {
                return link.path("href").asString();
            }
        }
        return null;
    }

    private static String issue(String body) {
        try {
            return JSON.readTree(body).path("details").path(0).path("issue").asString("");
        } catch (RuntimeException e) {
            return "";
        }
    }
}
