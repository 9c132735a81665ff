package com.abacus.payments.internal;

import com.abacus.payments.PaymentId;
import com.abacus.payments.internal.PaymentRepository.PaymentRow;
import com.abacus.shared.SimulatedTime;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Payments still waiting for a verdict, for the reconciler: which are due for a lookup, and when (a test clock's). */
@Repository
public class UnsettledPayments {

    private final JdbcClient jdbc;

    UnsettledPayments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Unsettled payments of this thread's time: real ones for the scheduled reconciler, one clock's in its advance. */
    public List<PaymentRow> unsettled(Instant updatedBefore, Instant now, int limit) {
        SimulatedTime.Scope scope = SimulatedTime.scope();
        // A processing debit is asked about when the processor expects to know, not every few minutes for days.
        return jdbc.sql(PaymentRepository.PAYMENT
                        + " where ((status in ('PENDING', 'UNKNOWN', 'REQUIRES_ACTION') and updated_at < :before)"
                        + " or (status = 'PROCESSING' and coalesce(settles_at, updated_at) <= :now"
                        + " and updated_at < :before)) and "
                        + scope.condition("test_clock_id") + " order by updated_at limit :limit")
                .param("testClock", scope.testClockId())
                .param("now", Timestamp.from(now))
                .param("before", Timestamp.from(updatedBefore))
                .param("limit", limit)
                .query(PaymentRepository::payment)
                .list();
    }

    /**
     * When the reconciler next has something to do for a test clock's payments: an unsettled payment due for a lookup
     * ({@code reconcileAfter} after its last change) or for abandonment ({@code abandonAfter} after it was made).
     */
    public Optional<Instant> nextDueOnClock(
            UUID testClockId, Instant after, Duration reconcileAfter, Duration abandonAfter) {
        return jdbc.sql("""
                        select min(due) from (
                            select updated_at + :reconcile * interval '1 second' as due from payment
                            where test_clock_id = :clock and status in ('PENDING', 'UNKNOWN', 'REQUIRES_ACTION')
                            union all
                            select greatest(settles_at, updated_at + :reconcile * interval '1 second') from payment
                            where test_clock_id = :clock and status = 'PROCESSING'
                            union all
                            select created_at + :abandon * interval '1 second' from payment
                            where test_clock_id = :clock and status = 'REQUIRES_ACTION') dues
                        where due > :after
                        """)
                .param("clock", testClockId)
                .param("reconcile", reconcileAfter.toSeconds())
                .param("abandon", abandonAfter.toSeconds())
                .param("after", Timestamp.from(after))
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant);
    }

    /** A processing debit the processor has not settled yet: looked at again at {@code settlesAt}. */
    public void postpone(PaymentId id, Instant settlesAt, Instant now) {
        jdbc.sql(
                        "update payment set settles_at = :settlesAt, updated_at = :now where id = :id and status = 'PROCESSING'")
                .param("settlesAt", Timestamp.from(settlesAt))
                .param("now", Timestamp.from(now))
                .param("id", id.value())
                .update();
    }
}
