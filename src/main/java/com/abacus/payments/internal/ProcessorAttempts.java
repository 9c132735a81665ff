package com.abacus.payments.internal;

import com.abacus.payments.PaymentMethodType;
import com.abacus.payments.Processor;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every call made to a processor and how it ended: the migration dashboard's rates and the halt rule read these. */
@Repository
public class ProcessorAttempts {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    ProcessorAttempts(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    public void recordAttempt(Processor processor, String outcome, Instant at) {
        jdbc.sql("insert into processor_attempt (processor, outcome, at) values (:processor, :outcome, :at)")
                .param("processor", processor.name())
                .param("outcome", outcome)
                .param("at", Timestamp.from(at))
                .update();
    }

    public record Attempt(Processor processor, String outcome, PaymentMethodType methodType) {}

    public void recordAttempts(List<Attempt> attempts, Instant at) {
        template.batchUpdate(
                "insert into processor_attempt (processor, outcome, at, method_type) values (?, ?, ?, ?)",
                attempts,
                Math.max(1, attempts.size()),
                (ps, a) -> {
                    ps.setString(1, a.processor().name());
                    ps.setString(2, a.outcome());
                    ps.setTimestamp(3, Timestamp.from(at));
                    ps.setString(4, a.methodType().name());
                });
    }

    public record AttemptCounts(long attempts, long succeeded, long errors) {}

    public Map<Processor, AttemptCounts> attemptCounts(Instant since) {
        Map<Processor, AttemptCounts> counts = new HashMap<>();
        jdbc.sql("""
                        select processor, count(*) as attempts,
                               count(*) filter (where outcome = 'SUCCEEDED') as succeeded,
                               count(*) filter (where outcome in ('ERROR', 'UNKNOWN')) as errors
                        from processor_attempt where at >= :since group by processor
                        """).param("since", Timestamp.from(since)).query(rs -> {
            counts.put(
                    Processor.valueOf(rs.getString("processor")),
                    new AttemptCounts(rs.getLong("attempts"), rs.getLong("succeeded"), rs.getLong("errors")));
        });
        return counts;
    }

    /** One processor's attempts since then, per method charged. */
    public Map<PaymentMethodType, AttemptCounts> attemptCountsByMethod(Processor processor, Instant since) {
        Map<PaymentMethodType, AttemptCounts> counts = new java.util.EnumMap<>(PaymentMethodType.class);
        jdbc.sql("""
                        select method_type, count(*) as attempts,
                               count(*) filter (where outcome = 'SUCCEEDED') as succeeded,
                               count(*) filter (where outcome in ('ERROR', 'UNKNOWN')) as errors
                        from processor_attempt where processor = :processor and at >= :since group by method_type
                        """)
                .param("processor", processor.name())
                .param("since", Timestamp.from(since))
                .query(rs -> {
                    counts.put(
                            PaymentMethodType.valueOf(rs.getString("method_type")),
                            new AttemptCounts(rs.getLong("attempts"), rs.getLong("succeeded"), rs.getLong("errors")));
                });
        return counts;
    }

    public Map<Processor, Map<String, Long>> volume(Instant since) {
        Map<Processor, Map<String, Long>> volume = new HashMap<>();
        jdbc.sql("""
                        select processor, currency, sum(amount_minor) as total from payment
                        where status = 'SUCCEEDED' and created_at >= :since group by processor, currency order by currency
                        """).param("since", Timestamp.from(since)).query(rs -> {
            volume.computeIfAbsent(Processor.valueOf(rs.getString("processor")), p -> new java.util.TreeMap<>())
                    .put(rs.getString("currency"), rs.getLong("total"));
        });
        return volume;
    }

    public void purgeAttemptsBefore(Instant cutoff) {
        jdbc.sql("delete from processor_attempt where at < :cutoff")
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }
}
