package com.abacus.invoicing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class InvoiceRunRepository {

    private static final String COLUMNS = """
            select id, as_of, status, started_by, started_at, finished_at, due, renewed, canceled, invoiced, paid, failed, error
            from invoice_run""";

    private final JdbcClient jdbc;

    InvoiceRunRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Run(
            UUID id,
            Instant asOf,
            String status,
            String startedBy,
            Instant startedAt,
            Instant finishedAt,
            long due,
            long renewed,
            long canceled,
            long invoiced,
            long paid,
            long failed,
            String error) {

        /** Share of the due subscriptions processed, 0–100. */
        public int percentDone() {
            if ("COMPLETED".equals(status)) {
                return 100;
            }
            return due == 0 ? 0 : (int) Math.min(99, (renewed + canceled) * 100 / due);
        }
    }

    public void start(UUID id, Instant asOf, String by, long due, Instant now) {
        jdbc.sql("""
                        insert into invoice_run (id, as_of, status, started_by, started_at, due)
                        values (:id, :asOf, 'RUNNING', :by, :now, :due)
                        """)
                .param("id", id)
                .param("asOf", Timestamp.from(asOf))
                .param("by", by)
                .param("now", Timestamp.from(now))
                .param("due", due)
                .update();
    }

    public void progress(UUID id, long renewed, long canceled, long invoiced, long paid, long failed) {
        jdbc.sql("""
                        update invoice_run set renewed = :renewed, canceled = :canceled, invoiced = :invoiced, paid = :paid,
                            failed = :failed where id = :id
                        """)
                .param("renewed", renewed)
                .param("canceled", canceled)
                .param("invoiced", invoiced)
                .param("paid", paid)
                .param("failed", failed)
                .param("id", id)
                .update();
    }

    public Run finish(UUID id, Instant now, String error) {
        jdbc.sql("update invoice_run set status = :status, finished_at = :now, error = :error where id = :id")
                .param("status", error == null ? "COMPLETED" : "FAILED")
                .param("now", Timestamp.from(now))
                .param("error", error)
                .param("id", id)
                .update();
        return find(id).orElseThrow();
    }

    /** Runs left RUNNING by an instance that died: closed so the console does not show them as live forever. */
    public void abandonStale(Instant startedBefore, Instant now) {
        jdbc.sql(
                        "update invoice_run set status = 'FAILED', finished_at = :now, error = 'abandoned (instance stopped)' where status = 'RUNNING' and started_at < :before")
                .param("now", Timestamp.from(now))
                .param("before", Timestamp.from(startedBefore))
                .update();
    }

    public Optional<Run> find(UUID id) {
        return jdbc.sql(COLUMNS + " where id = :id")
                .param("id", id)
                .query(InvoiceRunRepository::map)
                .optional();
    }

    public List<Run> recent(int limit) {
        return jdbc.sql(COLUMNS + " order by started_at desc limit :limit")
                .param("limit", limit)
                .query(InvoiceRunRepository::map)
                .list();
    }

    private static Run map(ResultSet rs, int row) throws SQLException {
        return new Run(
                rs.getObject("id", UUID.class),
                rs.getTimestamp("as_of").toInstant(),
                rs.getString("status"),
                rs.getString("started_by"),
                rs.getTimestamp("started_at").toInstant(),
                rs.getTimestamp("finished_at") == null
                        ? null
                        : rs.getTimestamp("finished_at").toInstant(),
                rs.getLong("due"),
                rs.getLong("renewed"),
                rs.getLong("canceled"),
                rs.getLong("invoiced"),
                rs.getLong("paid"),
                rs.getLong("failed"),
                rs.getString("error"));
    }
}
