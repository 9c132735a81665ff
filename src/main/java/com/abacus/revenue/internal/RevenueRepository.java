package com.abacus.revenue.internal;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class RevenueRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    RevenueRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** @param beforeBilling recognised in a month before its invoice was billed: against unbilled receivables */
    public record ScheduleRow(
            UUID sourceId,
            String sourceKind,
            UUID invoiceId,
            int linePosition,
            UUID accountId,
            String product,
            String category,
            String currency,
            YearMonth serviceMonth,
            YearMonth postingPeriod,
            long amountMinor,
            String treatment,
            boolean beforeBilling) {}

    public record Entry(
            UUID sourceId,
            String kind,
            UUID accountId,
            String reference,
            String currency,
            long amountMinor,
            long deferredMinor,
            long earnedMinor,
            LocalDate occurredOn,
            YearMonth postingPeriod,
            long taxMinor,
            @org.jspecify.annotations.Nullable String taxJurisdiction) {

        /** An entry with no tax in it (a payment, a fee). */
        public Entry(
                UUID sourceId,
                String kind,
                UUID accountId,
                String reference,
                String currency,
                long amountMinor,
                long deferredMinor,
                long earnedMinor,
                LocalDate occurredOn,
                YearMonth postingPeriod) {
            this(
                    sourceId,
                    kind,
                    accountId,
                    reference,
                    currency,
                    amountMinor,
                    deferredMinor,
                    earnedMinor,
                    occurredOn,
                    postingPeriod,
                    0,
                    null);
        }
    }

    public boolean hasSchedule(UUID sourceId) {
        return jdbc.sql("select count(*) from revenue_schedule where source_id = :id")
                        .param("id", sourceId)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /** Those of these sources that have a schedule already. */
    public Set<UUID> withSchedule(Collection<UUID> sourceIds) {
        if (sourceIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("select distinct source_id from revenue_schedule where source_id in (:ids)")
                .param("ids", sourceIds)
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .list());
    }

    /** {@code testClocks}: the test clock of each account on one; their rows stay out of the real books. */
    public void insertSchedule(List<ScheduleRow> rows, Map<UUID, UUID> testClocks) {
        template.batchUpdate("""
                        insert into revenue_schedule (source_id, source_kind, invoice_id, line_position, account_id, product, category,
                            currency, service_month, posting_period, amount_minor, treatment, test_clock_id, before_billing)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing
                        """, rows, 500, (ps, row) -> {
            ps.setObject(13, testClocks.get(row.accountId()));
            ps.setObject(1, row.sourceId());
            ps.setString(2, row.sourceKind());
            ps.setObject(3, row.invoiceId());
            ps.setInt(4, row.linePosition());
            ps.setObject(5, row.accountId());
            ps.setString(6, row.product());
            ps.setString(7, row.category());
            ps.setString(8, row.currency());
            ps.setDate(9, Date.valueOf(row.serviceMonth().atDay(1)));
            ps.setDate(10, Date.valueOf(row.postingPeriod().atDay(1)));
            ps.setLong(11, row.amountMinor());
            ps.setString(12, row.treatment());
            ps.setBoolean(14, row.beforeBilling());
        });
    }

    /** The invoice's recognition rows (not yet reversed), for proportional reversal. */
    public List<ScheduleRow> invoiceSchedule(UUID invoiceId) {
        return jdbc.sql("""
                        select source_id, source_kind, invoice_id, line_position, account_id, product, category, currency, service_month,
                               posting_period, amount_minor, treatment, before_billing
                        from revenue_schedule where invoice_id = :id and source_kind = 'INVOICE' order by line_position, service_month
                        """)
                .param("id", invoiceId)
                .query((rs, n) -> new ScheduleRow(
                        rs.getObject("source_id", UUID.class),
                        rs.getString("source_kind"),
                        rs.getObject("invoice_id", UUID.class),
                        rs.getInt("line_position"),
                        rs.getObject("account_id", UUID.class),
                        rs.getString("product"),
                        rs.getString("category"),
                        rs.getString("currency"),
                        YearMonth.from(rs.getDate("service_month").toLocalDate()),
                        YearMonth.from(rs.getDate("posting_period").toLocalDate()),
                        rs.getLong("amount_minor"),
                        rs.getString("treatment"),
                        rs.getBoolean("before_billing")))
                .list();
    }

    public void insertEntries(List<Entry> entries, Map<UUID, UUID> testClocks) {
        template.batchUpdate("""
                        insert into revenue_entry (source_id, kind, account_id, reference, currency, amount_minor, deferred_minor,
                            earned_minor, occurred_on, posting_period, test_clock_id, tax_minor, tax_jurisdiction)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict do nothing
                        """, entries, Math.max(1, entries.size()), (ps, e) -> {
            ps.setObject(11, testClocks.get(e.accountId()));
            ps.setObject(1, e.sourceId());
            ps.setString(2, e.kind());
            ps.setObject(3, e.accountId());
            ps.setString(4, e.reference());
            ps.setString(5, e.currency());
            ps.setLong(6, e.amountMinor());
            ps.setLong(7, e.deferredMinor());
            ps.setLong(8, e.earnedMinor());
            ps.setDate(9, Date.valueOf(e.occurredOn()));
            ps.setDate(10, Date.valueOf(e.postingPeriod().atDay(1)));
            ps.setLong(12, e.taxMinor());
            ps.setString(13, e.taxJurisdiction());
        });
    }

    /**
     * @param billed what billing added to deferred revenue (not the part recognised before the invoice existed)
     * @param recognizedBeforeBilling the part of {@code recognized} recognised before its invoice: against unbilled
     *     receivables, not deferred revenue
     */
    public record MonthTotal(
            YearMonth month,
            String currency,
            long recognized,
            long refunds,
            long billed,
            long deferredReduction,
            long recognizedBeforeBilling) {}

    /** Per month and currency, over all time: what the chart and the roll-forward are built from. */
    public List<MonthTotal> monthTotals() {
        List<MonthTotal> totals = new ArrayList<>();
        jdbc.sql("""
                        select coalesce(s.period, e.period) as period, coalesce(s.currency, e.currency) as currency,
                               coalesce(s.recognized, 0) as recognized, coalesce(s.refunds, 0) as refunds,
                               coalesce(e.billed, 0) as billed, coalesce(e.reduced, 0) as reduced,
                               coalesce(s.before_billing, 0) as before_billing
                        from (select posting_period as period, currency,
                                     sum(amount_minor) filter (where treatment = 'RECOGNIZE') as recognized,
                                     sum(amount_minor) filter (where treatment = 'REFUND_EARNED') as refunds,
                                     sum(amount_minor) filter (where treatment = 'RECOGNIZE' and before_billing) as before_billing
                              from revenue_schedule where test_clock_id is null group by posting_period, currency) s
                        full join (select posting_period as period, currency,
                                          sum(deferred_minor) filter (where kind = 'BILLED') as billed,
                                          sum(deferred_minor) filter (where kind in ('CREDITED', 'WRITTEN_OFF')) as reduced
                                   from revenue_entry where test_clock_id is null group by posting_period, currency) e
                          on s.period = e.period and s.currency = e.currency
                        order by 1, 2
                        """).query(rs -> {
            totals.add(new MonthTotal(
                    YearMonth.from(rs.getDate("period").toLocalDate()),
                    rs.getString("currency"),
                    rs.getLong("recognized"),
                    rs.getLong("refunds"),
                    rs.getLong("billed"),
                    rs.getLong("reduced"),
                    rs.getLong("before_billing")));
        });
        return totals;
    }
}
