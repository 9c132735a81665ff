package com.abacus.invoicing.internal;

import com.abacus.invoicing.InvoiceId;
import com.abacus.invoicing.InvoiceStatus;
import com.abacus.shared.SimulatedTime;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which issued invoices collection looks at, and when: the next attempt's date, the attempt count, write-off. */
@Repository
public class CollectionQueue {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    CollectionQueue(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Issued invoices awaiting a charge attempt now (first attempt, or a dunning retry that is due). */
    public List<InvoiceId> collectible(Instant now, int limit) {
        SimulatedTime.Scope scope = SimulatedTime.scope();
        return jdbc.sql("select id from invoice where status = 'FINALIZED' and total_minor > 0"
                        + " and (next_attempt_at is null or next_attempt_at <= :now) and "
                        + scope.condition("test_clock_id") + " order by issued_at limit :limit")
                .param("testClock", scope.testClockId())
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query((rs, n) -> new InvoiceId(rs.getObject("id", UUID.class)))
                .list();
    }

    /**
     * Issued unpaid invoices with no date at which collection looks at them again. Every path of collection gives an
     * unpaid invoice such a date, so this is empty unless something is broken.
     */
    public List<InvoiceId> withoutCollectionDate(int limit) {
        SimulatedTime.Scope scope = SimulatedTime.scope();
        return jdbc.sql(
                        "select id from invoice where status = 'FINALIZED' and total_minor > 0 and next_attempt_at is null and "
                                + scope.condition("test_clock_id") + " order by issued_at limit :limit")
                .param("testClock", scope.testClockId())
                .param("limit", limit)
                .query((rs, n) -> new InvoiceId(rs.getObject("id", UUID.class)))
                .list();
    }

    /** How many issued invoices have no date to be looked at again, and how many whose date passed long ago. */
    public StrandedCounts strandedCounts(Instant overdueBefore) {
        return jdbc.sql("""
                        select count(*) filter (where next_attempt_at is null) as stranded,
                               count(*) filter (where next_attempt_at < :before) as overdue
                        from invoice where status = 'FINALIZED' and total_minor > 0 and test_clock_id is null
                        """)
                .param("before", Timestamp.from(overdueBefore))
                .query((rs, n) -> new StrandedCounts(rs.getLong("stranded"), rs.getLong("overdue")))
                .single();
    }

    /** When collection next looks at an unpaid invoice of a test clock's accounts; empty when none is unpaid. */
    public Optional<Instant> nextAttemptOnClock(UUID testClockId, Instant after) {
        return jdbc.sql("""
                        select min(next_attempt_at) from invoice
                        where test_clock_id = :clock and status = 'FINALIZED' and total_minor > 0 and next_attempt_at > :after
                        """)
                .param("clock", testClockId)
                .param("after", Timestamp.from(after))
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant);
    }

    public record StrandedCounts(long stranded, long overdue) {}

    /** Records the attempt about to be charged; if nothing settles it by {@code lookAgainAt}, collection looks again. */
    public void startAttempt(InvoiceId id, int attempt, Instant lookAgainAt) {
        jdbc.sql(
                        "update invoice set attempts = :attempt, next_attempt_at = :at where id = :id and status = 'FINALIZED'")
                .param("attempt", attempt)
                .param("at", Timestamp.from(lookAgainAt))
                .param("id", id.value())
                .update();
    }

    /**
     * The invoice's first attempt is a payment made already (checkout's debit, not settled yet): recorded as attempt 1,
     * pending, looked at again at {@code lookAgainAt}; never charged beside it.
     */
    /**
     * Serialises, until the caller's transaction ends, an invoice starting to wait for a payment made before it and a
     * verdict on that payment arriving: one of them always sees the other (else a debit that settled while its invoice
     * was being issued would leave the invoice waiting until its look-again time).
     */
    public void lockAwaitedPayment(String paymentId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('abacus.invoice.awaits:' || :payment))")
                .param("payment", paymentId)
                .query(Object.class)
                .single();
    }

    public void awaitPayment(InvoiceId id, String paymentId, Instant lookAgainAt) {
        jdbc.sql("update invoice set payment_id = :payment, attempts = 1, payment_pending = true, next_attempt_at = :at"
                        + " where id = :id and status = 'FINALIZED'")
                .param("payment", java.util.UUID.fromString(paymentId))
                .param("at", Timestamp.from(lookAgainAt))
                .param("id", id.value())
                .update();
    }

    /** Whether the current attempt's charge is accepted and not settled (shown as "payment pending"). */
    public void paymentPending(InvoiceId id, boolean pending) {
        jdbc.sql("update invoice set payment_pending = :pending where id = :id and payment_pending <> :pending")
                .param("pending", pending)
                .param("id", id.value())
                .update();
    }

    public void retryAt(InvoiceId id, Instant at) {
        jdbc.sql("update invoice set next_attempt_at = :at where id = :id and status = 'FINALIZED'")
                .param("at", at == null ? null : Timestamp.from(at))
                .param("id", id.value())
                .update();
    }

    public boolean writeOff(InvoiceId id, InvoiceStatus status) {
        return jdbc.sql(
                                "update invoice set status = :status, next_attempt_at = null, payment_pending = false where id = :id and status = 'FINALIZED'")
                        .param("status", status.name())
                        .param("id", id.value())
                        .update()
                == 1;
    }
}
