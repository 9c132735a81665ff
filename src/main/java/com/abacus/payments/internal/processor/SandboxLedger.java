package com.abacus.payments.internal.processor;

import com.abacus.payments.internal.PaymentSettings;
import com.abacus.payments.internal.processor.PaymentProcessor.ChargeCommand;
import com.abacus.payments.internal.processor.PaymentProcessor.ChargeOutcome;
import com.abacus.payments.internal.processor.PaymentProcessor.Result;
import com.abacus.shared.SimulatedTime;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sandbox's own ledger (table {@code sandbox_charge}), as a processor keeps one: each charge once per idempotency
 * key, a SEPA debit processing until it settles on this thread's time (a test clock's in its advance), a PayPal
 * charge waiting for approval unless its agreement was approved before, reversals reported once.
 */
class SandboxLedger {

    private final String slot;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final PaymentSettings.Sepa sepa;

    SandboxLedger(String slot, JdbcClient jdbc, Clock clock, PaymentSettings.Sepa sepa) {
        this.slot = slot;
        this.jdbc = jdbc;
        this.clock = clock;
        this.sepa = sepa;
    }

    /**
     * A SEPA debit: submitted now, settled (or returned) after the configured business days, on this thread's time (a
     * test clock's in its advance). A debit the bank reverses later is reversed two days after it settled.
     */
    ChargeOutcome debit(ChargeCommand command, String ref) {
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
    ChargeOutcome payPal(ChargeCommand command, String ref) {
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
                        SandboxProcessor.approvalPath(ref)));
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
    java.util.List<PaymentProcessor.Reversal> reversalsDue() {
        SimulatedTime.Scope scope = SimulatedTime.scope();
        return jdbc.sql("update sandbox_charge set disputed = true where slot = :slot and kind = 'charge'"
                        + " and status = 'succeeded' and not disputed and dispute_at <= :now and "
                        + scope.condition("test_clock_id") + " returning ref, amount_minor, currency")
                .param("slot", slot)
                .param("now", Timestamp.from(clock.instant()))
                .param("testClock", scope.testClockId())
                .query((rs, n) -> new PaymentProcessor.Reversal(
                        rs.getString("ref"),
                        "sbx_dp_" + SandboxProcessor.random(),
                        com.abacus.shared.Money.ofMinor(rs.getLong("amount_minor"), rs.getString("currency")),
                        com.abacus.shared.Money.ofMinor(sepa.disputeFeeMinor(), rs.getString("currency")),
                        "debit_reversed"))
                .list();
    }

    Optional<Instant> nextEventOnClock(java.util.UUID testClockId, Instant after) {
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

    ChargeOutcome record(String kind, ChargeCommand command, String ref, String status, ChargeOutcome outcome) {
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

    Optional<ChargeOutcome> find(String kind, String key) {
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
                        rs.getString("token") != null
                                        && rs.getString("token").startsWith(SandboxProcessor.PAYPAL_PREFIX)
                                ? new ChargeOutcome(
                                        Result.REQUIRES_ACTION,
                                        rs.getString("ref"),
                                        "approval_required",
                                        null,
                                        null,
                                        SandboxProcessor.approvalPath(rs.getString("ref")))
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
}
