package com.abacus.payments.internal.web;

import com.abacus.payments.Processor;
import com.abacus.payments.internal.ProcessorRegistry;
import com.abacus.payments.internal.WebhookHandler;
import com.abacus.payments.internal.WebhookHandler.Notice;
import com.abacus.payments.internal.processor.PaymentProcessor.Result;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Processor notifications. Public endpoints: authenticity is the processor's signature over the raw body, checked
 * before anything is parsed. Old signatures (over 5 minutes) are refused, so a captured request cannot be replayed.
 */
@RestController
class ProcessorWebhookController {

    private static final long TOLERANCE_SECONDS = 300;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebhookHandler handler;
    private final ProcessorRegistry processors;
    private final Clock clock;

    ProcessorWebhookController(WebhookHandler handler, ProcessorRegistry processors, Clock clock) {
        this.handler = handler;
        this.processors = processors;
        this.clock = clock;
    }

    /** Stripe-shaped: {@code Stripe-Signature: t=…,v1=…}, HMAC-SHA256 over {@code t.payload}. */
    @PostMapping("/webhooks/stripe")
    ResponseEntity<?> stripe(
            @RequestBody String payload, @RequestHeader(name = "Stripe-Signature", required = false) String signature) {
        String secret = processors.webhookSecret(Processor.NEW);
        try {
            if (secret == null || signature == null) {
                throw new SignatureVerificationException("missing signature", signature);
            }
            Webhook.Signature.verifyHeader(payload, signature, secret, TOLERANCE_SECONDS);
        } catch (SignatureVerificationException e) {
            return WebhookReplies.invalidSignature();
        }
        JsonNode event = JSON.readTree(payload);
        if (!WebhookReplies.hasEventId(event)) {
            return WebhookReplies.missingEventId();
        }
        String type = event.path("type").asString();
        JsonNode object = event.path("data").path("object");
        Notice notice = switch (type) {
            case "payment_intent.succeeded" -> charge(object, Result.SUCCEEDED, null);
            // A SEPA debit submitted: the service is given, the money follows (or the debit fails) days later.
            case "payment_intent.processing" -> charge(object, Result.PROCESSING, null);
            case "payment_intent.payment_failed", "payment_intent.canceled" ->
                charge(object, Result.DECLINED, failureCode(object.path("last_payment_error")));
            case "charge.dispute.created" -> reversal(object);
            case "payment_intent.requires_action" -> charge(object, Result.REQUIRES_ACTION, "authentication_required");
            case "refund.updated", "refund.created" ->
                switch (object.path("status").asString()) {
                    case "succeeded" ->
                        new Notice.RefundSettled(object.path("id").asString(), Result.SUCCEEDED, null);
                    case "failed", "canceled" ->
                        new Notice.RefundSettled(
                                object.path("id").asString(),
                                Result.DECLINED,
                                object.path("failure_reason").asString("refund_failed"));
                    default -> new Notice.Ignored(type);
                };
            default -> new Notice.Ignored(type);
        };
        boolean first = handler.handle(Processor.NEW, event.path("id").asString(), type, notice);
        return ResponseEntity.ok(Map.of("received", true, "duplicate", !first));
    }

    /**
     * Legacy gateway: {@code X-Legacy-Timestamp} (epoch seconds) and {@code X-Legacy-Signature} (hex HMAC-SHA256 of
     * {@code timestamp.body}).
     */
    @PostMapping("/webhooks/legacy")
    ResponseEntity<?> legacy(
            @RequestBody String payload,
            @RequestHeader(name = "X-Legacy-Timestamp", required = false) String timestamp,
            @RequestHeader(name = "X-Legacy-Signature", required = false) String signature) {
        String secret = processors.webhookSecret(Processor.LEGACY);
        if (secret == null
                || timestamp == null
                || signature == null
                || !validLegacySignature(secret, timestamp, payload, signature)) {
            return WebhookReplies.invalidSignature();
        }
        JsonNode event = JSON.readTree(payload);
        if (!WebhookReplies.hasEventId(event)) {
            return WebhookReplies.missingEventId();
        }
        String kind = event.path("kind").asString();
        JsonNode transaction = event.path("transaction");
        Notice notice = switch (kind) {
            case "transaction_settled" ->
                new Notice.Charge(transaction.path("id").asString(), null, Result.SUCCEEDED, null);
            case "transaction_declined", "transaction_failed" ->
                new Notice.Charge(
                        transaction.path("id").asString(),
                        null,
                        Result.DECLINED,
                        transaction.path("processor_response_code").asString("card_declined"));
            case "refund_settled" ->
                new Notice.RefundSettled(transaction.path("id").asString(), Result.SUCCEEDED, null);
            case "refund_failed" ->
                new Notice.RefundSettled(transaction.path("id").asString(), Result.DECLINED, "refund_failed");
            default -> new Notice.Ignored(kind);
        };
        boolean first = handler.handle(Processor.LEGACY, event.path("id").asString(), kind, notice);
        return ResponseEntity.ok(Map.of("received", true, "duplicate", !first));
    }

    /**
     * Stripe's decline code, or its error code; a SEPA debit the bank refuses as not authorised means the customer
     * revoked the mandate, which Abacus then never charges again.
     */
    private static String failureCode(JsonNode error) {
        String code = error.path("decline_code").asString(error.path("code").asString("payment_failed"));
        return "debit_not_authorized".equals(code) || "mandate_revoked".equals(code) ? "mandate_revoked" : code;
    }

    /** {@code charge.dispute.created}: the disputed amount, and the fee Stripe took for it (its balance transaction). */
    private static Notice reversal(JsonNode dispute) {
        String currency = dispute.path("currency").asString("").toUpperCase(java.util.Locale.ROOT);
        long fee = 0;
        for (JsonNode transaction : dispute.path("balance_transactions")) {
            fee += transaction.path("fee").asLong(0);
        }
        return new Notice.Reversed(new com.abacus.payments.internal.processor.PaymentProcessor.Reversal(
                dispute.path("payment_intent").asString(),
                dispute.path("id").asString(),
                com.abacus.shared.Money.ofMinor(dispute.path("amount").asLong(), currency),
                com.abacus.shared.Money.ofMinor(fee, currency),
                dispute.path("reason").asString("disputed")));
    }

    private static Notice charge(JsonNode intent, Result result, String code) {
        String key = intent.path("metadata").path("abacus_idempotency_key").asString(null);
        return new Notice.Charge(intent.path("id").asString(), key, result, code);
    }

    private boolean validLegacySignature(String secret, String timestamp, String payload, String signature) {
        try {
            long sentAt = Long.parseLong(timestamp);
            if (Math.abs(clock.instant().getEpochSecond() - sentAt) > TOLERANCE_SECONDS) {
                return false;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature.replaceFirst("^sha256=", "")));
        } catch (NumberFormatException | NoSuchAlgorithmException | InvalidKeyException e) {
            return false;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
