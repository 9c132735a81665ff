package com.abacus.payments.internal.web;

import com.abacus.payments.Processor;
import com.abacus.payments.internal.ChargeLookups;
import com.abacus.payments.internal.ProcessorRegistry;
import com.abacus.payments.internal.WebhookHandler;
import com.abacus.payments.internal.WebhookHandler.Notice;
import com.abacus.payments.internal.processor.PaymentProcessor.Result;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PayPal's notifications for the legacy slot's PayPal charges. PayPal signs with a certificate; whether a delivery is
 * genuine is asked of PayPal itself (its verify-webhook-signature call) before anything in it is acted on, and a
 * transmission over 5 minutes old is refused, so a captured request cannot be replayed.
 */
@RestController
class PayPalWebhookController {

    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebhookHandler handler;
    private final ProcessorRegistry processors;
    private final ChargeLookups lookups;
    private final Clock clock;

    PayPalWebhookController(WebhookHandler handler, ProcessorRegistry processors, ChargeLookups lookups, Clock clock) {
        this.handler = handler;
        this.lookups = lookups;
        this.processors = processors;
        this.clock = clock;
    }

    @PostMapping("/webhooks/paypal")
    ResponseEntity<?> paypal(@RequestBody String payload, @RequestHeader HttpHeaders headers) {
        JsonNode event = JSON.readTree(payload);
        Map<String, String> transmission = transmission(headers);
        if (transmission == null
                || !recent(transmission.get("transmission_time"))
                || !processors.get(Processor.LEGACY).payPalWebhookGenuine(transmission, event)) {
            return WebhookReplies.invalidSignature();
        }
        if (!WebhookReplies.hasEventId(event)) {
            return WebhookReplies.missingEventId();
        }
        JsonNode id = event.path("id");
        String type = event.path("event_type").asString();
        JsonNode resource = event.path("resource");
        String orderOfCapture = resource.path("supplementary_data")
                .path("related_ids")
                .path("order_id")
                .asString(null);
        Notice notice = switch (type) {
            // Approved: we capture now (the lookup captures an approved order). Captured: the order, read again, says
            // so and names the vaulted agreement for renewals.
            case "CHECKOUT.ORDER.APPROVED" -> lookUp(resource.path("id").asString(null), type);
            case "PAYMENT.CAPTURE.COMPLETED" -> lookUp(orderOfCapture, type);
            case "PAYMENT.CAPTURE.DENIED", "PAYMENT.CAPTURE.DECLINED" ->
                orderOfCapture == null
                        ? new Notice.Ignored(type)
                        : new Notice.Charge(orderOfCapture, null, Result.DECLINED, "paypal_declined");
            case "PAYMENT.CAPTURE.REFUNDED" ->
                new Notice.RefundSettled(resource.path("id").asString(), Result.SUCCEEDED, null);
            default -> new Notice.Ignored(type);
        };
        boolean first = handler.handle(Processor.LEGACY, id.asString(), type, notice);
        return ResponseEntity.ok(Map.of("received", true, "duplicate", !first));
    }

    /** Asked outside the handler's transaction: the lookup may capture, a call to PayPal. */
    private Notice lookUp(String orderId, String type) {
        if (orderId == null) {
            return new Notice.Ignored(type);
        }
        return lookups.lookup(Processor.LEGACY, orderId)
                .<Notice>map(outcome -> new Notice.LookedUp(orderId, outcome))
                .orElseGet(() -> new Notice.Ignored(type));
    }

    /** PayPal's transmission headers, named as its verification call wants them; null if one is missing. */
    private static Map<String, String> transmission(HttpHeaders headers) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String name :
                new String[] {"auth_algo", "cert_url", "transmission_id", "transmission_sig", "transmission_time"}) {
            String value = headers.getFirst("PAYPAL-" + name.replace('_', '-').toUpperCase(java.util.Locale.ROOT));
            if (value == null || value.isBlank() || value.length() > 2048) {
                return null;
            }
            fields.put(name, value);
        }
        return fields;
    }

    private boolean recent(String transmissionTime) {
        try {
            Instant sent = Instant.parse(transmissionTime);
            return Duration.between(sent, clock.instant()).abs().compareTo(TOLERANCE) <= 0;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
