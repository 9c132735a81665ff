package com.abacus.revenue.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The hledger journal of a period: one balanced transaction per posting, from the same cursor as the other exports and
 * with the same guarantee (the same rows give the same bytes).
 */
final class JournalExport {

    private final JdbcTemplate cursor;
    private final RevenueSettings settings;

    JournalExport(JdbcTemplate cursor, RevenueSettings settings) {
        this.cursor = cursor;
        this.settings = settings;
    }

    void write(YearMonth period, Writer out) throws IOException {
        out.write("; Abacus revenue journal " + period + " (reporting zone "
                + settings.reportingZone().getId() + ")\n");
        out.write("; Balanced double-entry postings; check with: hledger -f <file> check\n\n");
        Date start = Date.valueOf(period.atDay(1));
        cursor.query(
                """
                        select kind, account_id, reference, currency, amount_minor, deferred_minor, earned_minor, occurred_on,
                               tax_minor, tax_jurisdiction
                        from revenue_entry where test_clock_id is null and posting_period = ? order by occurred_on, reference, kind, id
                        """,
                rs -> {
                    String currency = rs.getString("currency");
                    long amount = rs.getLong("amount_minor");
                    long deferred = rs.getLong("deferred_minor");
                    long earned = rs.getLong("earned_minor");
                    long tax = rs.getLong("tax_minor");
                    String taxPayable = "Liabilities:TaxPayable:" + rs.getString("tax_jurisdiction");
                    java.time.LocalDate date = rs.getDate("occurred_on").toLocalDate();
                    if (date.isBefore(period.atDay(1))) {
                        date = period.atDay(1);
                    }
                    String kind = rs.getString("kind");
                    List<String[]> postings = new ArrayList<>();
                    switch (kind) {
                        case "BILLED" -> {
                            // The part recognised before the invoice existed settles the contract asset.
                            postings.add(
                                    new String[] {"Assets:AccountsReceivable", RevenueExports.amount(amount, currency)
                                    });
                            postings.add(
                                    new String[] {"Assets:UnbilledReceivables", RevenueExports.amount(-earned, currency)
                                    });
                            postings.add(new String[] {
                                "Liabilities:DeferredRevenue", RevenueExports.amount(-deferred, currency)
                            });
                            if (tax != 0) {
                                postings.add(new String[] {taxPayable, RevenueExports.amount(-tax, currency)});
                            }
                        }
                        case "PAID" -> {
                            postings.add(new String[] {"Assets:Cash", RevenueExports.amount(amount, currency)});
                            postings.add(
                                    new String[] {"Assets:AccountsReceivable", RevenueExports.amount(-amount, currency)
                                    });
                        }
                        case "CREDITED" -> {
                            postings.add(new String[] {
                                "Liabilities:DeferredRevenue", RevenueExports.amount(deferred, currency)
                            });
                            postings.add(new String[] {"Revenue:Refunds", RevenueExports.amount(earned, currency)});
                            if (tax != 0) {
                                postings.add(new String[] {taxPayable, RevenueExports.amount(tax, currency)});
                            }
                            postings.add(new String[] {"Assets:Cash", RevenueExports.amount(-amount, currency)});
                        }
                        case "FEE" -> {
                            postings.add(
                                    new String[] {"Expenses:ProcessorFees", RevenueExports.amount(amount, currency)});
                            postings.add(new String[] {"Assets:Cash", RevenueExports.amount(-amount, currency)});
                        }
                        default -> {
                            postings.add(new String[] {
                                "Liabilities:DeferredRevenue", RevenueExports.amount(deferred, currency)
                            });
                            postings.add(new String[] {"Expenses:BadDebt", RevenueExports.amount(earned, currency)});
                            if (tax != 0) {
                                postings.add(new String[] {taxPayable, RevenueExports.amount(tax, currency)});
                            }
                            postings.add(
                                    new String[] {"Assets:AccountsReceivable", RevenueExports.amount(-amount, currency)
                                    });
                        }
                    }
                    entry(
                            out,
                            date,
                            description(kind) + " " + rs.getString("reference") + " | account "
                                    + rs.getObject("account_id"),
                            currency,
                            postings);
                },
                start);
        Map<String, Long> recognised = new LinkedHashMap<>();
        cursor.query(
                """
                        select currency, category, before_billing, sum(amount_minor) as amount from revenue_schedule
                        where test_clock_id is null and posting_period = ? and treatment = 'RECOGNIZE'
                        group by currency, category, before_billing order by currency, category, before_billing
                        """,
                rs -> {
                    recognised.put(
                            rs.getString("currency") + "/" + rs.getString("category") + "/"
                                    + rs.getBoolean("before_billing"),
                            rs.getLong("amount"));
                },
                start);
        for (var line : recognised.entrySet()) {
            String[] key = line.getKey().split("/");
            String account = "usage".equals(key[1]) ? "Revenue:Usage" : "Revenue:Subscriptions";
            boolean beforeBilling = Boolean.parseBoolean(key[2]);
            // Revenue earned before its invoice exists is a contract asset; otherwise it was deferred when billed.
            entry(
                    out,
                    period.atEndOfMonth(),
                    "Recognised " + key[1] + " revenue " + period + (beforeBilling ? ", not yet billed" : ""),
                    key[0],
                    List.of(
                            new String[] {
                                beforeBilling ? "Assets:UnbilledReceivables" : "Liabilities:DeferredRevenue",
                                RevenueExports.amount(line.getValue(), key[0])
                            },
                            new String[] {account, RevenueExports.amount(-line.getValue(), key[0])}));
        }
    }

    private static void entry(
            Writer out, java.time.LocalDate date, String description, String currency, List<String[]> postings) {
        List<String[]> nonZero = postings.stream().filter(p -> !isZero(p[1])).toList();
        if (nonZero.isEmpty()) {
            return;
        }
        try {
            out.write(date + " * " + description + "\n");
            for (String[] posting : nonZero) {
                out.write("    " + String.format("%-32s", posting[0]) + currency + " " + posting[1] + "\n");
            }
            out.write("\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isZero(String amount) {
        return new BigDecimal(amount).signum() == 0;
    }

    private static String description(String kind) {
        return switch (kind) {
            case "BILLED" -> "Billed";
            case "PAID" -> "Paid";
            case "CREDITED" -> "Refunded";
            case "FEE" -> "Processor fee for reversed payment";
            default -> "Written off";
        };
    }
}
