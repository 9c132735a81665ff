package com.abacus.revenue.internal;

import com.abacus.revenue.ExportFormat;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.YearMonth;
import java.util.Currency;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The exports, written row by row from a database cursor (constant memory whatever the volume). Output depends only on
 * stored rows in a fixed order, with nothing taken from the clock, so exporting a closed period twice gives the same
 * bytes. Accounts appear by id only: exports carry no personal data.
 */
@Component
public class RevenueExports {

    private final JdbcTemplate cursor;
    private final TransactionTemplate readOnly;
    private final RevenueSettings settings;
    private final JournalExport journal;

    RevenueExports(DataSource dataSource, PlatformTransactionManager transactions, RevenueSettings settings) {
        this.cursor = new JdbcTemplate(dataSource);
        this.cursor.setFetchSize(2000);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.settings = settings;
        this.journal = new JournalExport(cursor, settings);
    }

    public void write(YearMonth period, ExportFormat format, OutputStream out) {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        // A cursor needs a transaction in PostgreSQL; without one the driver would read every row into memory first.
        readOnly.executeWithoutResult(tx -> {
            try {
                switch (format) {
                    case CSV -> csv(period, writer);
                    case ROLLFORWARD -> rollForward(period, writer);
                    case JOURNAL -> journal.write(period, writer);
                }
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * One row per account, product, category and currency: {@code recognized} (this month's recognition, net of the
     * part of refunds that fell on it), {@code refunds} (revenue recognised in earlier months and reversed by refunds
     * made this month), {@code net} (the two together), and {@code refunds_of_deferred}: the deferred revenue that
     * refunds made this month took back (this month's share and later months'), shown in the month of the refund; it
     * was never revenue, so it is not in {@code net}. A refund of an annual plan in March thus shows in March's row as
     * both its recognised part and its deferred part.
     */
    private void csv(YearMonth period, Writer out) throws IOException {
        out.write("period,account_id,product,category,currency,recognized,refunds,net,refunds_of_deferred\n");
        Date month = Date.valueOf(period.atDay(1));
        // Refunds are few beside recognition rows: their deferred parts are read first, then merged into the stream.
        Map<String, Long> ofDeferred = new TreeMap<>();
        cursor.query(
                """
                        select s.account_id, s.product, s.category, s.currency, sum(s.amount_minor) as deferred
                        from revenue_entry e
                        join revenue_schedule s on s.source_id = e.source_id and s.source_kind = 'CREDIT_NOTE'
                                               and s.treatment = 'RECOGNIZE'
                        where e.test_clock_id is null and e.kind = 'CREDITED' and e.posting_period = ?
                        group by s.account_id, s.product, s.category, s.currency
                        """,
                rs -> {
                    ofDeferred.put(
                            csvKey(
                                    rs.getObject("account_id"),
                                    rs.getString("product"),
                                    rs.getString("category"),
                                    rs.getString("currency")),
                            rs.getLong("deferred"));
                },
                month);
        cursor.query(
                """
                        select account_id, product, category, currency,
                               sum(amount_minor) filter (where treatment = 'RECOGNIZE') as recognized,
                               sum(amount_minor) filter (where treatment = 'REFUND_EARNED') as refunds
                        from revenue_schedule where test_clock_id is null and posting_period = ?
                        group by account_id, product, category, currency
                        order by account_id, product, category, currency
                        """,
                rs -> {
                    String key = csvKey(
                            rs.getObject("account_id"),
                            rs.getString("product"),
                            rs.getString("category"),
                            rs.getString("currency"));
                    Long deferred = ofDeferred.remove(key);
                    csvRow(
                            out,
                            period,
                            key,
                            rs.getLong("recognized"),
                            rs.getLong("refunds"),
                            deferred == null ? 0 : deferred);
                },
                month);
        // A refund whose account recognised nothing this month (its service starts later): after the others, in order.
        for (var left : ofDeferred.entrySet()) {
            csvRow(out, period, left.getKey(), 0, 0, left.getValue());
        }
    }

    private static String csvKey(Object account, String product, String category, String currency) {
        return account + "," + product + "," + category + "," + currency;
    }

    private static void csvRow(Writer out, YearMonth period, String key, long recognized, long refunds, long deferred) {
        String currency = key.substring(key.lastIndexOf(',') + 1);
        try {
            out.write(period + "," + key + "," + amount(recognized, currency) + "," + amount(refunds, currency) + ","
                    + amount(recognized + refunds, currency) + "," + amount(deferred, currency) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Per currency, deferred revenue: opening + billed − recognised − reversed = closing; and unbilled receivables (the
     * contract asset of revenue recognised before its invoice existed): opening + recognised − billed = closing.
     */
    private void rollForward(YearMonth period, Writer out) throws IOException {
        Map<String, long[]> rows = new TreeMap<>();
        Date start = Date.valueOf(period.atDay(1));
        cursor.query(
                """
                        select currency,
                               sum(deferred_minor) filter (where kind = 'BILLED' and posting_period < ?) as billed_before,
                               sum(deferred_minor) filter (where kind in ('CREDITED', 'WRITTEN_OFF') and posting_period < ?) as reduced_before,
                               sum(deferred_minor) filter (where kind = 'BILLED' and posting_period = ?) as billed,
                               sum(deferred_minor) filter (where kind in ('CREDITED', 'WRITTEN_OFF') and posting_period = ?) as reduced,
                               sum(earned_minor) filter (where kind = 'BILLED' and posting_period < ?) as unbilled_billed_before,
                               sum(earned_minor) filter (where kind = 'BILLED' and posting_period = ?) as unbilled_billed
                        from revenue_entry where test_clock_id is null and posting_period <= ? group by currency
                        """,
                rs -> {
                    long[] values = rows.computeIfAbsent(rs.getString("currency"), c -> new long[7]);
                    values[0] += rs.getLong("billed_before") - rs.getLong("reduced_before");
                    values[1] += rs.getLong("billed");
                    values[3] += rs.getLong("reduced");
                    values[4] -= rs.getLong("unbilled_billed_before");
                    values[6] += rs.getLong("unbilled_billed");
                },
                start,
                start,
                start,
                start,
                start,
                start,
                start);
        cursor.query(
                """
                        select currency,
                               sum(amount_minor) filter (where posting_period < ? and treatment = 'RECOGNIZE' and source_kind = 'INVOICE' and not before_billing) as before,
                               sum(amount_minor) filter (where posting_period < ? and treatment = 'RECOGNIZE' and before_billing) as unbilled_before,
                               sum(amount_minor) filter (where posting_period = ? and treatment = 'RECOGNIZE' and before_billing) as unbilled_now,
                               sum(amount_minor) filter (where posting_period < ? and treatment = 'RECOGNIZE' and source_kind <> 'INVOICE') as reversed_before,
                               sum(amount_minor) filter (where posting_period = ? and treatment = 'RECOGNIZE' and source_kind = 'INVOICE' and not before_billing) as now,
                               sum(amount_minor) filter (where posting_period = ? and treatment = 'RECOGNIZE' and source_kind <> 'INVOICE') as reversed_now
                        from revenue_schedule where test_clock_id is null and posting_period <= ? group by currency
                        """,
                rs -> {
                    long[] values = rows.computeIfAbsent(rs.getString("currency"), c -> new long[7]);
                    values[4] += rs.getLong("unbilled_before");
                    values[5] += rs.getLong("unbilled_now");
                    // Reversed future months were taken out of deferred revenue when credited, so they count once,
                    // there.
                    values[0] -= rs.getLong("before") + rs.getLong("reversed_before");
                    values[2] += rs.getLong("now") + rs.getLong("reversed_now");
                },
                start,
                start,
                start,
                start,
                start,
                start,
                start);
        out.write("period,currency,opening_deferred,billed,recognized,reversed,closing_deferred,"
                + "opening_unbilled,recognized_unbilled,billed_unbilled,closing_unbilled\n");
        for (var row : rows.entrySet()) {
            long[] v = row.getValue();
            long closing = v[0] + v[1] - v[2] - v[3];
            long closingUnbilled = v[4] + v[5] - v[6];
            String c = row.getKey();
            out.write(period + "," + c + "," + amount(v[0], c) + "," + amount(v[1], c) + "," + amount(v[2], c) + ","
                    + amount(v[3], c) + "," + amount(closing, c) + "," + amount(v[4], c) + "," + amount(v[5], c) + ","
                    + amount(v[6], c) + "," + amount(closingUnbilled, c) + "\n");
        }
    }

    static String amount(long minor, String currency) {
        return BigDecimal.valueOf(minor, Currency.getInstance(currency).getDefaultFractionDigits())
                .toPlainString();
    }
}
