package com.abacus.revenue.internal;

import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The months of the books: open until closed, and where an amount is posted when its own month is closed (the first
 * open month after it). A closed month keeps the hashes of what was exported at close.
 */
@Repository
public class RevenuePeriodRepository {

    private final JdbcClient jdbc;

    RevenuePeriodRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The month an amount of {@code natural} is reported in: itself if open, else the first open month after it. Takes a
     * share lock on that month's row, so a concurrent close waits for this posting and sees it.
     */
    public YearMonth postingPeriod(YearMonth natural) {
        YearMonth candidate = natural;
        while (true) {
            Optional<String> status = jdbc.sql("select status from revenue_period where period = :p for share")
                    .param("p", Date.valueOf(candidate.atDay(1)))
                    .query(String.class)
                    .optional();
            if (status.isEmpty()) {
                jdbc.sql("insert into revenue_period (period, status) values (:p, 'OPEN') on conflict do nothing")
                        .param("p", Date.valueOf(candidate.atDay(1)))
                        .update();
                continue;
            }
            if ("OPEN".equals(status.get())) {
                return candidate;
            }
            candidate = candidate.plusMonths(1);
        }
    }

    public Optional<String> lockForClose(YearMonth period) {
        jdbc.sql("insert into revenue_period (period, status) values (:p, 'OPEN') on conflict do nothing")
                .param("p", Date.valueOf(period.atDay(1)))
                .update();
        return jdbc.sql("select status from revenue_period where period = :p for update")
                .param("p", Date.valueOf(period.atDay(1)))
                .query(String.class)
                .optional();
    }

    public void close(
            YearMonth period, String by, java.time.Instant at, String csv, String journal, String rollforward) {
        jdbc.sql("""
                        update revenue_period set status = 'CLOSED', closed_at = :at, closed_by = :by, csv_sha256 = :csv,
                            journal_sha256 = :journal, rollforward_sha256 = :rollforward where period = :p
                        """)
                .param("at", java.sql.Timestamp.from(at))
                .param("by", by)
                .param("csv", csv)
                .param("journal", journal)
                .param("rollforward", rollforward)
                .param("p", Date.valueOf(period.atDay(1)))
                .update();
    }

    public record PeriodRow(
            YearMonth period,
            String status,
            java.time.Instant closedAt,
            String closedBy,
            String csv,
            String journal,
            String rollforward) {}

    public List<PeriodRow> periods() {
        return jdbc.sql(
                        "select period, status, closed_at, closed_by, csv_sha256, journal_sha256, rollforward_sha256 from revenue_period order by period")
                .query((rs, n) -> new PeriodRow(
                        YearMonth.from(rs.getDate("period").toLocalDate()),
                        rs.getString("status"),
                        rs.getTimestamp("closed_at") == null
                                ? null
                                : rs.getTimestamp("closed_at").toInstant(),
                        rs.getString("closed_by"),
                        rs.getString("csv_sha256"),
                        rs.getString("journal_sha256"),
                        rs.getString("rollforward_sha256")))
                .list();
    }

    public Optional<PeriodRow> period(YearMonth period) {
        return periods().stream().filter(p -> p.period().equals(period)).findFirst();
    }

    /** Earlier months with postings that are still open (a month closes only after the ones before it). */
    public List<YearMonth> openBefore(YearMonth period) {
        List<YearMonth> open = new ArrayList<>();
        jdbc.sql("""
                        select distinct posting_period from (
                            select posting_period from revenue_schedule where test_clock_id is null and posting_period < :p
                            union select posting_period from revenue_entry where test_clock_id is null and posting_period < :p) postings
                        where not exists (select 1 from revenue_period r where r.period = postings.posting_period and r.status = 'CLOSED')
                        order by 1
                        """).param("p", Date.valueOf(period.atDay(1))).query(rs -> {
            open.add(YearMonth.from(rs.getDate(1).toLocalDate()));
        });
        return open;
    }
}
