package com.abacus.payments.internal;

import com.abacus.payments.Payment;
import com.abacus.payments.PaymentId;
import com.abacus.payments.Processor;
import com.abacus.payments.Refund;
import com.abacus.shared.AccountId;
import com.abacus.shared.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Refunds and the reservations they take on their payment: a refund is reserved on the payment row first (one
 * conditional update, so racing refunds cannot exceed what was captured), then recorded, then settled.
 */
@Repository
public class RefundRepository {

    private final JdbcClient jdbc;

    RefundRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static final String REFUND = """
            select id, payment_id, account_id, processor, processor_ref, amount_minor, currency, status, reason, requested_by,
                   failure_code, idempotency_key, created_at
            from refund""";

    public record RefundRow(Refund refund, String processorReference, String idempotencyKey) {}

    /**
     * Reserves a refund on the payment, refused (false) if refunds would total more than was captured, or, for a refund
     * under a limit ({@code limitMinor} not null), if the refunds under a limit would total more than it. A single
     * conditional update: with two agents refunding at once, PostgreSQL serialises the two updates on the row and the
     * second sees the first's total.
     */
    public boolean reserveRefund(PaymentId id, long amountMinor, Long limitMinor, Instant now) {
        return jdbc.sql("""
                        update payment set refunded_minor = refunded_minor + :amount,
                            limited_refunded_minor = limited_refunded_minor + case when :limited then :amount else 0 end, updated_at = :now
                        where id = :id and status = 'SUCCEEDED' and refunded_minor + :amount <= amount_minor
                          and (not :limited or limited_refunded_minor + :amount <= :limit)
                        """)
                        .param("amount", amountMinor)
                        .param("limited", limitMinor != null)
                        .param("limit", limitMinor == null ? 0L : limitMinor)
                        .param("now", Timestamp.from(now))
                        .param("id", id.value())
                        .update()
                == 1;
    }

    /** What refunds made under a limit have taken from the payment so far. */
    public long refundedUnderLimit(PaymentId id) {
        return jdbc.sql("select limited_refunded_minor from payment where id = :id")
                .param("id", id.value())
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    /** Gives a refused refund's reservation back to its payment. */
    public void releaseRefund(UUID refundId, Instant now) {
        jdbc.sql("""
                        update payment p set refunded_minor = p.refunded_minor - r.amount_minor,
                            limited_refunded_minor = p.limited_refunded_minor - case when r.limited then r.amount_minor else 0 end,
                            updated_at = :now
                        from refund r where r.id = :refund and p.id = r.payment_id
                        """)
                .param("refund", refundId)
                .param("now", Timestamp.from(now))
                .update();
    }

    public void insertRefund(
            UUID id,
            Payment payment,
            Money amount,
            String reason,
            String requestedBy,
            String key,
            boolean limited,
            Instant now) {
        jdbc.sql("""
                        insert into refund (id, payment_id, account_id, processor, amount_minor, currency, status, reason,
                                            requested_by, idempotency_key, limited, created_at, updated_at)
                        values (:id, :payment, :account, :processor, :amount, :currency, 'PENDING', :reason, :by, :key, :limited, :now, :now)
                        """)
                .param("limited", limited)
                .param("id", id)
                .param("payment", payment.id().value())
                .param("account", payment.accountId().value())
                .param("processor", payment.processor().name())
                .param("amount", amount.minor())
                .param("currency", amount.currencyCode())
                .param("reason", reason)
                .param("by", requestedBy)
                .param("key", key)
                .param("now", Timestamp.from(now))
                .update();
    }

    public boolean settleRefund(UUID id, Refund.Status status, String processorRef, String failureCode, Instant now) {
        return jdbc.sql("""
                        update refund set status = :status, processor_ref = coalesce(:ref, processor_ref), failure_code = :code,
                               updated_at = :now
                        where id = :id and status = 'PENDING'
                        """)
                        .param("status", status.name())
                        .param("ref", processorRef)
                        .param("code", failureCode)
                        .param("now", Timestamp.from(now))
                        .param("id", id)
                        .update()
                == 1;
    }

    public void touchRefund(UUID id, Instant now) {
        jdbc.sql("update refund set updated_at = :now where id = :id")
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    public Optional<RefundRow> findRefund(UUID id) {
        return jdbc.sql(REFUND + " where id = :id")
                .param("id", id)
                .query(RefundRepository::refund)
                .optional();
    }

    public Optional<RefundRow> findRefundByKey(String key) {
        return jdbc.sql(REFUND + " where idempotency_key = :key")
                .param("key", key)
                .query(RefundRepository::refund)
                .optional();
    }

    public Optional<RefundRow> findRefundByProcessorRef(Processor processor, String ref) {
        return jdbc.sql(REFUND + " where processor = :processor and processor_ref = :ref")
                .param("processor", processor.name())
                .param("ref", ref)
                .query(RefundRepository::refund)
                .optional();
    }

    public List<Refund> refundsOf(PaymentId payment) {
        return jdbc
                .sql(REFUND + " where payment_id = :id order by created_at")
                .param("id", payment.value())
                .query(RefundRepository::refund)
                .list()
                .stream()
                .map(RefundRow::refund)
                .toList();
    }

    public List<Refund> refundsOfAccount(AccountId account) {
        return jdbc
                .sql(REFUND + " where account_id = :id order by created_at desc")
                .param("id", account.value())
                .query(RefundRepository::refund)
                .list()
                .stream()
                .map(RefundRow::refund)
                .toList();
    }

    public List<RefundRow> pendingRefunds(Instant updatedBefore, int limit) {
        return jdbc.sql(REFUND + " where status = 'PENDING' and updated_at < :before order by updated_at limit :limit")
                .param("before", Timestamp.from(updatedBefore))
                .param("limit", limit)
                .query(RefundRepository::refund)
                .list();
    }

    private static RefundRow refund(ResultSet rs, int row) throws SQLException {
        return new RefundRow(
                new Refund(
                        rs.getObject("id", UUID.class),
                        new PaymentId(rs.getObject("payment_id", UUID.class)),
                        new AccountId(rs.getObject("account_id", UUID.class)),
                        Processor.valueOf(rs.getString("processor")),
                        Money.ofMinor(rs.getLong("amount_minor"), rs.getString("currency")),
                        Refund.Status.valueOf(rs.getString("status")),
                        rs.getString("reason"),
                        rs.getString("requested_by"),
                        rs.getString("failure_code"),
                        rs.getTimestamp("created_at").toInstant()),
                rs.getString("processor_ref"),
                rs.getString("idempotency_key"));
    }
}
