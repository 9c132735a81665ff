package com.abacus.payments.internal.web;

import com.abacus.shared.web.Problems;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/** What every processor webhook answers a delivery it will not act on, and the check of an event's id. */
final class WebhookReplies {

    private WebhookReplies() {}

    /** Deliveries are deduplicated by the event's id: an event without one cannot be told from any other. */
    static boolean hasEventId(JsonNode event) {
        JsonNode id = event.path("id");
        return id.isString() && !id.asString().isBlank() && id.asString().length() <= 255;
    }

    static ResponseEntity<ProblemDetail> missingEventId() {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .header("Content-Type", Problems.MEDIA_TYPE)
                .body(Problems.invalid(
                        "Webhook event has no id", Map.of("id", "is required: a text of 1 to 255 characters")));
    }

    static ResponseEntity<ProblemDetail> invalidSignature() {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .header("Content-Type", Problems.MEDIA_TYPE)
                .body(Problems.of(
                        HttpStatus.BAD_REQUEST, "invalid-signature", "Webhook signature is missing, wrong or too old"));
    }
}
