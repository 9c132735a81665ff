package com.abacus.payments.internal.processor;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An in-process processor for development and tests. Behaves by test card (see {@link TestCards}); keeps its own
 * ledger so lookups by idempotency key and duplicate requests behave like a real processor's. A token carries what the
 * README says the sandbox keeps of a card, and nothing more: the test behaviour, the brand and the last four digits
 * ({@code sbx_<slot>_<behaviour>_<brand>_<last4>_<random>}), so the sandbox needs no vault and no card number is
 * ever stored. {@code latency} makes every call take that long, like a processor's network round trip.
 */
public class SandboxProcessor implements PaymentProcessor {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String slot;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final int failurePercent;
    private final Duration latency;

    public SandboxProcessor(String slot, JdbcClient jdbc, Clock clock, int failurePercent, Duration latency) {
        this.slot = slot;
        this.jdbc = jdbc;
        this.clock = clock;
        this.failurePercent = failurePercent;
        this.latency = latency;
    }

    @Override
    public String adapter() {
        return "sandbox";
    }

    @Override
    public CardToken tokenize(CardDetails card) {
        String last4 = card.number().substring(card.number().length() - 4);
        return new CardToken(
                token(TestCards.Behaviour.of(card.number()), TestCards.brand(card.number()), last4),
                TestCards.brand(card.number()),
                last4);
    }

    @Override
    public ChargeOutcome charge(ChargeCommand command) {
        roundTrip();
        // A repeated key gets the first request's result: record() finds it when its insert conflicts.
        if (failurePercent > 0 && ThreadLocalRandom.current().nextInt(100) < failurePercent) {
            return find("charge", command.idempotencyKey())
                    .orElse(new ChargeOutcome(Result.ERROR, null, "processor_unavailable", "Sandbox injected failure"));
        }
        String ref = "sbx_ch_" + random();
        return switch (behaviourOf(command.token())) {
            case DECLINED ->
                record(
                        "charge",
                        command,
                        ref,
                        "declined:card_declined",
                        new ChargeOutcome(Result.DECLINED, ref, "card_declined", "Your card was declined."));
            case INSUFFICIENT_FUNDS ->
                record(
                        "charge",
                        command,
                        ref,
                        "declined:insufficient_funds",
                        new ChargeOutcome(
                                Result.DECLINED, ref, "insufficient_funds", "Your card has insufficient funds."));
            case REQUIRES_ACTION ->
                record(
                        "charge",
                        command,
                        ref,
                        "requires_action",
                        new ChargeOutcome(
                                Result.REQUIRES_ACTION,
                                ref,
                                "authentication_required",
                                "The bank asks the customer to authenticate."));
            case PROCESSOR_ERROR ->
                new ChargeOutcome(Result.ERROR, null, "processing_error", "Sandbox processor error");
            case TIMEOUT -> {
                // The processor captures the money, but our call times out: the caller learns nothing.
                record("charge", command, ref, "succeeded", ChargeOutcome.of(Result.SUCCEEDED, ref));
                yield new ChargeOutcome(Result.UNKNOWN, null, "timeout", "No answer from the processor in time");
            }
            case SUCCEEDS -> record("charge", command, ref, "succeeded", ChargeOutcome.of(Result.SUCCEEDED, ref));
            case UNKNOWN_TOKEN ->
                new ChargeOutcome(Result.DECLINED, null, "invalid_token", "Unknown payment method token");
        };
    }

    /** The sandbox's bank page: the customer approves (the charge succeeds) or fails the challenge (it is declined). */
    @Override
    public boolean authenticate(String processorReference, boolean approved) {
        roundTrip();
        return jdbc.sql("update sandbox_charge set status = :status where slot = :slot and kind = 'charge'"
                                + " and ref = :ref and status = 'requires_action'")
                        .param("status", approved ? "succeeded" : "declined:authentication_failed")
                        .param("slot", slot)
                        .param("ref", processorReference)
                        .update()
                > 0;
    }

    @Override
    public ChargeOutcome lookup(String idempotencyKey) {
        roundTrip();
        return find("charge", idempotencyKey).orElse(ChargeOutcome.of(Result.NOT_FOUND, null));
    }

    @Override
    public RefundOutcome refund(RefundCommand command) {
        roundTrip();
        Optional<ChargeOutcome> previous = find("refund", command.idempotencyKey());
        if (previous.isPresent()) {
            return new RefundOutcome(previous.get().result(), previous.get().processorReference(), null);
        }
        String ref = "sbx_re_" + random();
        record(
                "refund",
                new ChargeCommand(null, command.amount(), command.idempotencyKey(), command.chargeReference(), null),
                ref,
                "succeeded",
                ChargeOutcome.of(Result.SUCCEEDED, ref));
        return new RefundOutcome(Result.SUCCEEDED, ref, null);
    }

    @Override
    public CardToken importToken(String legacyToken) {
        String[] parts = parts(legacyToken);
        if (behaviourOf(legacyToken) == TestCards.Behaviour.UNKNOWN_TOKEN) {
            throw new ProcessorException("invalid_token", "Unknown token");
        }
        String brand = parts.length == 6 ? parts[3] : TestCards.brand(parts[2]);
        String last4 = parts.length == 6 ? parts[4] : parts[2].substring(parts[2].length() - 4);
        return new CardToken(token(behaviourOf(legacyToken), brand, last4), brand, last4);
    }

    @Override
    public boolean verify(String token, String currency) {
        TestCards.Behaviour behaviour = behaviourOf(token);
        return behaviour != TestCards.Behaviour.DECLINED
                && behaviour != TestCards.Behaviour.INSUFFICIENT_FUNDS
                && behaviour != TestCards.Behaviour.UNKNOWN_TOKEN;
    }

    private String token(TestCards.Behaviour behaviour, String brand, String last4) {
        return "sbx_" + slot + "_" + behaviour.tokenName() + "_" + brand + "_" + last4 + "_" + random();
    }

    private static String[] parts(String token) {
        return token == null ? new String[0] : token.split("_");
    }

    /** The behaviour a token stands for; tokens of older sandboxes carried the card number (4 parts) and still work. */
    private static TestCards.Behaviour behaviourOf(String token) {
        String[] parts = parts(token);
        if (parts.length == 6) {
            return TestCards.Behaviour.ofTokenName(parts[2]);
        }
        return parts.length == 4 && TestCards.luhnValid(parts[2])
                ? TestCards.Behaviour.of(parts[2])
                : TestCards.Behaviour.UNKNOWN_TOKEN;
    }

    private void roundTrip() {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
        return jdbc.sql(
                        "select ref, status from sandbox_charge where slot = :slot and kind = :kind and idempotency_key = :key")
                .param("slot", slot)
                .param("kind", kind)
                .param("key", key)
                .query((rs, n) -> switch (rs.getString("status")) {
                    case "succeeded" -> ChargeOutcome.of(Result.SUCCEEDED, rs.getString("ref"));
                    case "requires_action" ->
                        new ChargeOutcome(Result.REQUIRES_ACTION, rs.getString("ref"), "authentication_required", null);
                    default ->
                        new ChargeOutcome(
                                Result.DECLINED,
                                rs.getString("ref"),
                                rs.getString("status").substring("declined:".length()),
                                null);
                })
                .optional();
    }

    private static String random() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
