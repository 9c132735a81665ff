package com.abacus.payments.internal;

import com.abacus.payments.Payment;
import com.abacus.payments.PaymentId;
import com.abacus.payments.PaymentMethodType;
import com.abacus.payments.PaymentStatus;
import com.abacus.payments.Processor;
import com.abacus.shared.AccountId;
import com.abacus.shared.Money;
import com.abacus.shared.SimulatedTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class PaymentRepository {

    static final String PAYMENT = """
            select id, account_id, processor, processor_ref, amount_minor, refunded_minor, currency, status, failure_code,
                   failure_message, reference, description, payment_method_id, idempotency_key, created_at, method_type,
                   action_url, settles_at
            from payment""";
    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    PaymentRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    public record Pending(
            PaymentId id,
            AccountId account,
            UUID methodId,
            Processor processor,
            Money amount,
            String idempotencyKey,
            String reference,
            String description,
            PaymentMethodType methodType,
            boolean routedByMethod) {}

    /** Records many charges as PENDING in one batch, before any of them is sent. */
    public void insertPendingAll(List<Pending> pending, Instant now) {
        // A payment is made in its account's frame (its request, its clock's advance): it belongs to that clock.
        UUID testClock = SimulatedTime.scope().testClockId();
        template.batchUpdate("""
                        insert into payment (id, account_id, payment_method_id, processor, amount_minor, currency, status,
                                             idempotency_key, reference, description, created_at, updated_at, test_clock_id,
                                             method_type, routed_by_method)
                        values (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, ?)
                        """, pending, pending.size(), (ps, p) -> {
            ps.setObject(1, p.id().value());
            ps.setObject(2, p.account().value());
            ps.setObject(3, p.methodId());
            ps.setString(4, p.processor().name());
            ps.setLong(5, p.amount().minor());
            ps.setString(6, p.amount().currencyCode());
            ps.setString(7, p.idempotencyKey());
            ps.setString(8, p.reference());
            ps.setString(9, p.description());
            ps.setTimestamp(10, Timestamp.from(now));
            ps.setTimestamp(11, Timestamp.from(now));
            ps.setObject(12, testClock);
            ps.setString(13, p.methodType().name());
            ps.setBoolean(14, p.routedByMethod());
        });
    }

    public record Settlement(
            PaymentId id,
            PaymentStatus status,
            String processorRef,
            String failureCode,
            String failureMessage,
            String actionUrl,
            Instant settlesAt) {}

    /**
     * Moves payments forward, never back, in one batch: only a payment not yet settled changes, with one exception: when
     * the processor reports money captured for a payment we had marked failed, captured money wins. Element i of the
     * result is 1 if payment i changed, so the caller publishes the matching event exactly once, whoever settles first
     * (caller, reconciler or webhook).
     */
    public int[] settleAll(List<Settlement> settlements, Instant now) {
        int[][] counts = template.batchUpdate("""
                        update payment set status = ?, processor_ref = coalesce(?, processor_ref), failure_code = ?, failure_message = ?,
                               updated_at = ?, action_url = ?, settles_at = ?
                        where id = ? and status <> ?
                          and (status in ('PENDING', 'UNKNOWN', 'REQUIRES_ACTION', 'PROCESSING')
                               or (status = 'FAILED' and ? = 'SUCCEEDED'))
                        """, settlements, Math.max(1, settlements.size()), (ps, s) -> {
            ps.setString(1, s.status().name());
            ps.setString(2, s.processorRef());
            ps.setString(3, s.failureCode());
            ps.setString(4, s.failureMessage() == null ? null : truncate(s.failureMessage()));
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setString(6, s.actionUrl());
            ps.setTimestamp(7, s.settlesAt() == null ? null : Timestamp.from(s.settlesAt()));
            ps.setObject(8, s.id().value());
            ps.setString(9, s.status().name());
            ps.setString(10, s.status().name());
        });
        return counts.length == 0 ? new int[0] : counts[0];
    }

    public List<PaymentRow> findByKeys(Collection<String> idempotencyKeys) {
        if (idempotencyKeys.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(PAYMENT + " where idempotency_key in (:keys)")
                .param("keys", idempotencyKeys)
                .query(PaymentRepository::payment)
                .list();
    }

    public record PaymentRow(Payment payment, String idempotencyKey) {}

    public void insertPending(
            PaymentId id,
            AccountId account,
            UUID methodId,
            Processor processor,
            Money amount,
            String idempotencyKey,
            String reference,
            String description,
            PaymentMethodType methodType,
            boolean routedByMethod,
            Instant now) {
        jdbc.sql("""
                        insert into payment (id, account_id, payment_method_id, processor, amount_minor, currency, status,
                                             idempotency_key, reference, description, created_at, updated_at, test_clock_id,
                                             method_type, routed_by_method)
                        values (:id, :account, :method, :processor, :amount, :currency, 'PENDING', :key, :reference, :description, :now, :now,
                                :testClock, :methodType, :routedByMethod)
                        """)
                .param("methodType", methodType.name())
                .param("routedByMethod", routedByMethod)
                .param("testClock", SimulatedTime.scope().testClockId())
                .param("id", id.value())
                .param("account", account.value())
                .param("method", methodId)
                .param("processor", processor.name())
                .param("amount", amount.minor())
                .param("currency", amount.currencyCode())
                .param("key", idempotencyKey)
                .param("reference", reference)
                .param("description", description)
                .param("now", Timestamp.from(now))
                .update();
    }

    public void switchProcessor(PaymentId id, Processor processor, Instant now) {
        jdbc.sql("update payment set processor = :processor, updated_at = :now where id = :id and status = 'PENDING'")
                .param("processor", processor.name())
                .param("now", Timestamp.from(now))
                .param("id", id.value())
                .update();
    }

    public Optional<PaymentRow> find(PaymentId id) {
        return jdbc.sql(PAYMENT + " where id = :id")
                .param("id", id.value())
                .query(PaymentRepository::payment)
                .optional();
    }

    public Optional<PaymentRow> findByKey(String idempotencyKey) {
        return jdbc.sql(PAYMENT + " where idempotency_key = :key")
                .param("key", idempotencyKey)
                .query(PaymentRepository::payment)
                .optional();
    }

    public Optional<PaymentRow> findByProcessorRef(Processor processor, String ref) {
        return jdbc.sql(PAYMENT + " where processor = :processor and processor_ref = :ref")
                .param("processor", processor.name())
                .param("ref", ref)
                .query(PaymentRepository::payment)
                .optional();
    }

    public List<Payment> forAccount(AccountId account, int limit) {
        return jdbc
                .sql(PAYMENT + " where account_id = :account order by created_at desc limit :limit")
                .param("account", account.value())
                .param("limit", limit)
                .query(PaymentRepository::payment)
                .list()
                .stream()
                .map(PaymentRow::payment)
                .toList();
    }

    static PaymentRow payment(ResultSet rs, int row) throws SQLException {
        String currency = rs.getString("currency");
        return new PaymentRow(
                new Payment(
                        new PaymentId(rs.getObject("id", UUID.class)),
                        new AccountId(rs.getObject("account_id", UUID.class)),
                        Processor.valueOf(rs.getString("processor")),
                        rs.getString("processor_ref"),
                        Money.ofMinor(rs.getLong("amount_minor"), currency),
                        Money.ofMinor(rs.getLong("refunded_minor"), currency),
                        PaymentStatus.valueOf(rs.getString("status")),
                        rs.getString("failure_code"),
                        rs.getString("failure_message"),
                        rs.getString("reference"),
                        rs.getString("description"),
                        rs.getObject("payment_method_id", UUID.class),
                        rs.getTimestamp("created_at").toInstant(),
                        PaymentMethodType.valueOf(rs.getString("method_type")),
                        rs.getString("action_url"),
                        rs.getTimestamp("settles_at") == null
                                ? null
                                : rs.getTimestamp("settles_at").toInstant()),
                rs.getString("idempotency_key"));
    }

    private static String truncate(String value) {
        return value.length() > 500 ? value.substring(0, 500) : value;
    }
}
