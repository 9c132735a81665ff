package com.abacus.invoicing.internal;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The gapless number series (invoices, credit notes): one row per series and year, locked while numbers are taken. */
@Repository
public class InvoiceNumberSeries {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    InvoiceNumberSeries(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /**
     * Takes {@code count} consecutive numbers of a gapless series at once and returns the first. The row lock is held
     * until the caller's transaction ends: take them last, just before the invoices are written.
     */
    public long nextNumbers(String series, int year, int count) {
        return jdbc.sql("""
                        insert into number_sequence (series, year, next_value) values (:series, :year, 1 + :count)
                        on conflict (series, year) do update set next_value = number_sequence.next_value + :count
                        returning next_value - :count
                        """)
                .param("series", series)
                .param("year", year)
                .param("count", count)
                .query(Long.class)
                .single();
    }

    /** Next number of a gapless series; the row lock serialises finalisations and a rollback gives the number back. */
    public long nextNumber(String series, int year) {
        return jdbc.sql("""
                        insert into number_sequence (series, year, next_value) values (:series, :year, 2)
                        on conflict (series, year) do update set next_value = number_sequence.next_value + 1
                        returning next_value - 1
                        """)
                .param("series", series)
                .param("year", year)
                .query(Long.class)
                .single();
    }
}
