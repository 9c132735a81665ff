package com.abacus.payments.internal.processor;

import com.abacus.payments.internal.PaymentSettings;
import com.abacus.shared.SimulatedTime;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
    private final PaymentSettings.Sepa sepa;

    public SandboxProcessor(
            String slot,
            JdbcClient jdbc,
            Clock clock,
            int failurePercent,
            Duration latency,
            PaymentSettings.Sepa sepa) {
        this.slot = slot;
        this.jdbc = jdbc;
        this.clock = clock;
        this.failurePercent = failurePercent;
        this.latency = latency;
        this.sepa = sepa;
    }

    private static final String SEPA_PREFIX = "sbxsepa_";
    private static final String PAYPAL_PREFIX = "sbxpp_";

    /** The sandbox's PayPal approval page for a charge (the customer approves or cancels there). */
    public static String approvalPath(String chargeReference) {
        return "/sandbox/paypal/" + chargeReference;
    }

    /** {@code sbxsepa_<slot>_<behaviour>_<random>}: the test behaviour only, never the IBAN. */
    @Override
    public String tokenizeBankAccount(String iban, String mandateReference) {
        roundTrip();
        return SEPA_PREFIX + slot + "_" + TestIbans.Behaviour.of(iban).tokenName() + "_" + random();
    }

    @Override
    public String createPayPalAgreement(String currency) {
        roundTrip();
        return PAYPAL_PREFIX + slot + "_" + random();
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
        if (command.token() != null && command.token().startsWith(SEPA_PREFIX)) {
            return debit(command, ref);
        }
        if (command.token() != null && command.token().startsWith(PAYPAL_PREFIX)) {
            return payPal(command, ref);
        }
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

    /**
     * A SEPA debit: submitted now, settled (or returned) after the configured business days, on this thread's time (a
     * test clock's in its advance). A debit the bank reverses later is reversed two days after it settled.
     */
    private ChargeOutcome debit(ChargeCommand command, String ref) {
        String[] parts = command.token().split("_");
        TestIbans.Behaviour behaviour = parts.length == 4 ? TestIbans.Behaviour.ofTokenName(parts[2]) : null;
        if (behaviour == null || !"EUR".equals(command.amount().currencyCode())) {
            return new ChargeOutcome(
                    Result.DECLINED, null, "invalid_token", "Not a SEPA mandate of this sandbox in EUR");
        }
        Instant settlesAt = businessDaysAfter(clock.instant(), sepa.settlementBusinessDays());
        int inserted = jdbc.sql("""
                        insert into sandbox_charge (slot, idempotency_key, ref, kind, token, amount_minor, currency, status, created_at,
                                                    settles_at, final_status, dispute_at, test_clock_id)
                        values (:slot, :key, :ref, 'charge', :token, :amount, :currency, 'processing', :now, :settlesAt, :final,
                                :disputeAt, :testClock)
                        on conflict (slot, kind, idempotency_key) do nothing
                        """)
                .param("slot", slot)
                .param("key", command.idempotencyKey())
                .param("ref", ref)
                .param("token", command.token())
                .param("amount", command.amount().minor())
                .param("currency", command.amount().currencyCode())
                .param("now", Timestamp.from(clock.instant()))
                .param("settlesAt", Timestamp.from(settlesAt))
                .param("final", behaviour.finalStatus())
                .param(
                        "disputeAt",
                        behaviour == TestIbans.Behaviour.REVERSED
                                ? Timestamp.from(settlesAt.plus(Duration.ofDays(2)))
                                : null)
                .param("testClock", SimulatedTime.scope().testClockId())
                .update();
        return inserted == 1
                ? new ChargeOutcome(Result.PROCESSING, ref, null, null, settlesAt, null)
                : find("charge", command.idempotencyKey()).orElseThrow();
    }

    /**
     * A PayPal charge: the agreement's first charge waits for the customer on the approval page; once a charge of the
     * agreement was approved, the agreement is vaulted and later charges capture at once.
     */
    private ChargeOutcome payPal(ChargeCommand command, String ref) {
        boolean approved = jdbc.sql("select exists (select 1 from sandbox_charge where slot = :slot and kind = 'charge'"
                        + " and token = :token and status = 'succeeded')")
                .param("slot", slot)
                .param("token", command.token())
                .query(Boolean.class)
                .single();
        if (approved) {
            return record("charge", command, ref, "succeeded", ChargeOutcome.of(Result.SUCCEEDED, ref));
        }
        return record(
                "charge",
                command,
                ref,
                "requires_action",
                new ChargeOutcome(
                        Result.REQUIRES_ACTION,
                        ref,
                        "approval_required",
                        "The customer approves the payment on PayPal's page.",
                        null,
                        approvalPath(ref)));
    }

    /** Monday to Friday; the debit settles that many business days later at the same time of day (UTC). */
    static Instant businessDaysAfter(Instant start, int days) {
        var at = start.atZone(java.time.ZoneOffset.UTC);
        int added = 0;
        while (added < days) {
            at = at.plusDays(1);
            if (at.getDayOfWeek() != java.time.DayOfWeek.SATURDAY && at.getDayOfWeek() != java.time.DayOfWeek.SUNDAY) {
                added++;
            }
        }
        return at.toInstant();
    }

    /** Debits reversed by the bank whose reversal is due on this thread's time, each reported once. */
    @Override
    public java.util.List<Reversal> reversalsDue() {
        SimulatedTime.Scope scope = SimulatedTime.scope();
        return jdbc.sql("update sandbox_charge set disputed = true where slot = :slot and kind = 'charge'"
                        + " and status = 'succeeded' and not disputed and dispute_at <= :now and "
                        + scope.condition("test_clock_id") + " returning ref, amount_minor, currency")
                .param("slot", slot)
                .param("now", Timestamp.from(clock.instant()))
                .param("testClock", scope.testClockId())
                .query((rs, n) -> new Reversal(
                        rs.getString("ref"),
                        "sbx_dp_" + random(),
                        com.abacus.shared.Money.ofMinor(rs.getLong("amount_minor"), rs.getString("currency")),
                        com.abacus.shared.Money.ofMinor(sepa.disputeFeeMinor(), rs.getString("currency")),
                        "debit_reversed"))
                .list();
    }

    @Override
    public Optional<Instant> nextEventOnClock(java.util.UUID testClockId, Instant after) {
        return jdbc.sql("""
                        select min(due) from (
                            select settles_at as due from sandbox_charge
                            where slot = :slot and test_clock_id = :clock and status = 'processing'
                            union all
                            select dispute_at from sandbox_charge
                            where slot = :slot and test_clock_id = :clock and not disputed and dispute_at is not null) dues
                        where due > :after
                        """)
                .param("slot", slot)
                .param("clock", testClockId)
                .param("after", Timestamp.from(after))
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant);
    }

    /**
     * The sandbox's bank page: the customer approves (the charge succeeds) or fails the challenge (it is declined). A
     * PayPal charge is answered the same way from the sandbox's approval page; a cancel there is {@code payer_canceled}.
     */
    @Override
    public boolean authenticate(String processorReference, boolean approved) {
        roundTrip();
        return jdbc.sql("update sandbox_charge set status = case when :approved then 'succeeded'"
                                + " when token like 'sbxpp\\_%' then 'declined:payer_canceled'"
                                + " else 'declined:authentication_failed' end where slot = :slot and kind = 'charge'"
                                + " and ref = :ref and status = 'requires_action'")
                        .param("approved", approved)
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
        // A debit due to settle on this thread's time settles now (once, whoever asks first).
        jdbc.sql("update sandbox_charge set status = final_status where slot = :slot and kind = :kind"
                        + " and idempotency_key = :key and status = 'processing' and settles_at <= :now")
                .param("slot", slot)
                .param("kind", kind)
                .param("key", key)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        return jdbc.sql("select ref, status, token, settles_at from sandbox_charge where slot = :slot and kind = :kind"
                        + " and idempotency_key = :key")
                .param("slot", slot)
                .param("kind", kind)
                .param("key", key)
                .query((rs, n) -> switch (rs.getString("status")) {
                    case "succeeded" -> ChargeOutcome.of(Result.SUCCEEDED, rs.getString("ref"));
                    case "processing" ->
                        new ChargeOutcome(
                                Result.PROCESSING,
                                rs.getString("ref"),
                                null,
                                null,
                                rs.getTimestamp("settles_at").toInstant(),
                                null);
                    case "requires_action" ->
                        rs.getString("token") != null && rs.getString("token").startsWith(PAYPAL_PREFIX)
                                ? new ChargeOutcome(
                                        Result.REQUIRES_ACTION,
                                        rs.getString("ref"),
                                        "approval_required",
                                        null,
                                        null,
                                        approvalPath(rs.getString("ref")))
                                : new ChargeOutcome(
                                        Result.REQUIRES_ACTION, rs.getString("ref"), "authentication_required", null);
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
