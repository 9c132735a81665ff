package com.abacus.invoicing;

import com.abacus.shared.Money;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The tax report of a month, per jurisdiction, rate and currency: the net taxed, the tax, and the net reverse charged
 * (owed by the buyer, reported by us). Invoices count in the month they were issued (open, paid or written off; a
 * voided invoice was never owed), credit notes in the month they were issued, with the tax they reversed and their
 * invoice's rate. Test clocks' invoices are left out, like everywhere in finance's figures.
 */
@Service
public class TaxReports {

    private final JdbcClient jdbc;

    TaxReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Row(
            String jurisdiction,
            String tax,
            BigDecimal rate,
            String currency,
            long taxableMinor,
            long taxMinor,
            long reverseChargedMinor) {}

    public List<Row> month(YearMonth month, ZoneId zone) {
        return jdbc.sql("""
                        with taxed as (
                            select l.tax_jurisdiction as jurisdiction, l.tax_name as tax, l.tax_rate as rate,
                                   l.reverse_charge, i.currency,
                                   case when l.tax_inclusive then l.amount_minor - l.tax_minor else l.amount_minor end as net,
                                   l.tax_minor as tax_amount
                            from invoice_line l join invoice i on i.id = l.invoice_id
                            where i.status in ('FINALIZED', 'PAID', 'UNCOLLECTIBLE') and i.test_clock_id is null
                              and i.issued_at >= :from and i.issued_at < :to and l.tax_jurisdiction is not null
                            union all
                            select r.tax_jurisdiction, r.tax_name, r.tax_rate, r.reverse_charge, c.currency,
                                   -(c.amount_minor - c.tax_minor), -c.tax_minor
                            from credit_note c
                            join invoice i on i.id = c.invoice_id
                            join lateral (select tax_jurisdiction, tax_name, tax_rate, reverse_charge from invoice_line
                                          where invoice_id = c.invoice_id and tax_jurisdiction is not null
                                          order by position limit 1) r on true
                            where i.test_clock_id is null and c.issued_at >= :from and c.issued_at < :to
                        )
                        select jurisdiction, tax, rate, currency,
                               coalesce(sum(net) filter (where not reverse_charge), 0) as taxable,
                               sum(tax_amount) as tax_amount,
                               coalesce(sum(net) filter (where reverse_charge), 0) as reverse_charged
                        from taxed
                        group by jurisdiction, tax, rate, currency
                        order by jurisdiction, rate desc, currency
                        """)
                .param("from", Timestamp.from(month.atDay(1).atStartOfDay(zone).toInstant()))
                .param(
                        "to",
                        Timestamp.from(
                                month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant()))
                .query((rs, n) -> new Row(
                        rs.getString("jurisdiction"),
                        rs.getString("tax"),
                        rs.getBigDecimal("rate").stripTrailingZeros(),
                        rs.getString("currency"),
                        rs.getLong("taxable"),
                        rs.getLong("tax_amount"),
                        rs.getLong("reverse_charged")))
                .list();
    }

    /** The month as CSV: {@code month,jurisdiction,tax,rate,currency,taxable,tax_amount,reverse_charged}. */
    public void writeCsv(YearMonth month, ZoneId zone, Writer out) {
        try {
            out.write("month,jurisdiction,tax,rate,currency,taxable,tax_amount,reverse_charged\n");
            for (Row row : month(month, zone)) {
                out.write(String.join(
                                ",",
                                month.toString(),
                                row.jurisdiction(),
                                row.tax(),
                                row.rate().toPlainString(),
                                row.currency(),
                                amount(row.taxableMinor(), row.currency()),
                                amount(row.taxMinor(), row.currency()),
                                amount(row.reverseChargedMinor(), row.currency()))
                        + "\n");
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String amount(long minor, String currency) {
        return Money.ofMinor(minor, currency).toPlainString();
    }
}
