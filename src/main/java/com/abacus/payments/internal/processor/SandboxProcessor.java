package com.abacus.payments.internal.processor;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An in-process processor for development and tests. Behaves by test card (see {@link TestCards}); keeps its own
 * ledger so lookups by idempotency key and duplicate requests behave like a real processor's. Tokens carry the test
 * card number, so the sandbox needs no vault.
 */
public class SandboxProcessor implements PaymentProcessor {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String slot;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final int failurePercent;

    public SandboxProcessor(String slot, JdbcClient jdbc, Clock clock, int failurePercent) {
        this.slot = slot;
        this.jdbc = jdbc;
        this.clock = clock;
        this.failurePercent = failurePercent;
    }

    @Override
    public String adapter() {
        return "sandbox";
    }

    @Override
    public CardToken tokenize(CardDetails card) {
        return new CardToken(token(card.number()), TestCards.brand(card.number()), card.number().substring(card.number().length() - 4));
    }

    @Override
    public ChargeOutcome charge(ChargeCommand command) {
        // A repeated key gets the first request's result: record() finds it when its insert conflicts.
        if (failurePercent > 0 && ThreadLocalRandom.current().nextInt(100) < failurePercent) {
            return find("charge", command.idempotencyKey())
                    .orElse(new ChargeOutcome(Result.ERROR, null, "processor_unavailable", "Sandbox injected failure"));
        }
        String card = cardOf(command.token());
        String ref = "sbx_ch_" + random();
        return switch (card) {
            case TestCards.DECLINED -> record("charge", command, ref, "declined:card_declined", new ChargeOutcome(Result.DECLINED, ref, "card_declined", "Your card was declined."));
            case TestCards.INSUFFICIENT_FUNDS -> record("charge", command, ref, "declined:insufficient_funds",
                    new ChargeOutcome(Result.DECLINED, ref, "insufficient_funds", "Your card has insufficient funds."));
            case TestCards.REQUIRES_ACTION -> record("charge", command, ref, "requires_action",
                    new ChargeOutcome(Result.REQUIRES_ACTION, ref, "authentication_required", "The bank asks the customer to authenticate."));
            case TestCards.PROCESSOR_ERROR -> new ChargeOutcome(Result.ERROR, null, "processing_error", "Sandbox processor error");
            case TestCards.TIMEOUT -> {
                // The processor captures the money, but our call times out: the caller learns nothing.
                record("charge", command, ref, "succeeded", ChargeOutcome.of(Result.SUCCEEDED, ref));
                yield new ChargeOutcome(Result.UNKNOWN, null, "timeout", "No answer from the processor in time");
            }
            default -> record("charge", command, ref, "succeeded", ChargeOutcome.of(Result.SUCCEEDED, ref));
        };
    }

    @Override
    public ChargeOutcome lookup(String idempotencyKey) {
        return find("charge", idempotencyKey).orElse(ChargeOutcome.of(Result.NOT_FOUND, null));
    }

    @Override
    public RefundOutcome refund(RefundCommand command) {
        Optional<ChargeOutcome> previous = find("refund", command.idempotencyKey());
        if (previous.isPresent()) {
            return new RefundOutcome(previous.get().result(), previous.get().processorReference(), null);
        }
        String ref = "sbx_re_" + random();
        record("refund", new ChargeCommand(null, command.amount(), command.idempotencyKey(), command.chargeReference(), null), ref,
                "succeeded", ChargeOutcome.of(Result.SUCCEEDED, ref));
        return new RefundOutcome(Result.SUCCEEDED, ref, null);
    }

    @Override
    public CardToken importToken(String legacyToken) {
        String card = cardOf(legacyToken);
        if (card.isEmpty()) {
            throw new ProcessorException("invalid_token", "Unknown token " + legacyToken);
        }
        return new CardToken(token(card), TestCards.brand(card), card.substring(card.length() - 4));
    }

    @Override
    public boolean verify(String token, String currency) {
        String card = cardOf(token);
        return !card.equals(TestCards.DECLINED) && !card.equals(TestCards.INSUFFICIENT_FUNDS) && !card.isEmpty();
    }

    private String token(String card) {
        return "sbx_" + slot + "_" + card + "_" + random();
    }

    private static String cardOf(String token) {
        String[] parts = token == null ? new String[0] : token.split("_");
        return parts.length == 4 ? parts[2] : "";
    }

    private ChargeOutcome record(String kind, ChargeCommand command, String ref, String status, ChargeOutcome outcome) {
        int inserted = jdbc.sql("""
                        insert into sandbox_charge (slot, idempotency_key, ref, kind, token, amount_minor, currency, status, created_at)
                        values (:slot, :key, :ref, :kind, :token, :amount, :currency, :status, :now)
                        on conflict (slot, kind, idempotency_key) do nothing
                        """)
                .param("slot", slot)
                .param("key", command.idempotencyKey())
                .param("ref", ref)
                .param("kind", kind)
                .param("token", command.token())
                .param("amount", command.amount().minor())
                .param("currency", command.amount().currencyCode())
                .param("status", status)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        // The same key came before (or raced in): like a real processor, answer with the first request's result.
        return inserted == 1 ? outcome : find(kind, command.idempotencyKey()).orElseThrow();
    }

    private Optional<ChargeOutcome> find(String kind, String key) {
        return jdbc.sql("select ref, status from sandbox_charge where slot = :slot and kind = :kind and idempotency_key = :key")
                .param("slot", slot)
                .param("kind", kind)
                .param("key", key)
                .query((rs, n) -> switch (rs.getString("status")) {
                    case "succeeded" -> ChargeOutcome.of(Result.SUCCEEDED, rs.getString("ref"));
                    case "requires_action" -> new ChargeOutcome(Result.REQUIRES_ACTION, rs.getString("ref"), "authentication_required", null);
                    default -> new ChargeOutcome(Result.DECLINED, rs.getString("ref"), rs.getString("status").substring("declined:".length()), null);
                })
                .optional();
    }

    private static String random() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
