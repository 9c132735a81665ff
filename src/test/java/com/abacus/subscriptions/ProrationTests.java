package com.abacus.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import com.abacus.shared.Money;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The worked proration table. Unused days run from the change date (inclusive) to the period end date (exclusive);
 * credit = old × unused / days, charge = new × unused / days, each rounded half-up to the minor unit.
 */
class ProrationTests {

    @ParameterizedTest(name = "{0}: {5} → {6} {4} on {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                 | period start | period end | change date | cur | old     | new     | unused | days | credit   | charge   | due
            February (28 days)     | 2026-02-01   | 2026-03-01 | 2026-02-15  | USD | 50.00   | 200.00  | 14     | 28   | -25.00   | 100.00   | 75.00
            leap February (29)     | 2028-02-01   | 2028-03-01 | 2028-02-15  | USD | 50.00   | 200.00  | 15     | 29   | -25.86   | 103.45   | 77.59
            April (30 days)        | 2026-04-01   | 2026-05-01 | 2026-04-11  | USD | 20.00   | 50.00   | 20     | 30   | -13.33   | 33.33    | 20.00
            January (31 days)      | 2026-01-01   | 2026-02-01 | 2026-01-16  | USD | 20.00   | 50.00   | 16     | 31   | -10.32   | 25.81    | 15.49
            change on first day    | 2026-01-01   | 2026-02-01 | 2026-01-01  | EUR | 19.00   | 47.00   | 31     | 31   | -19.00   | 47.00    | 28.00
            change on last day     | 2026-01-01   | 2026-02-01 | 2026-01-31  | GBP | 16.00   | 40.00   | 1      | 31   | -0.52    | 1.29     | 0.77
            yen has no minor unit  | 2026-04-01   | 2026-05-01 | 2026-04-21  | JPY | 3000    | 7500    | 10     | 30   | -1000    | 2500     | 1500
            yen rounds half-up     | 2026-01-01   | 2026-02-01 | 2026-01-29  | JPY | 3000    | 7500    | 3      | 31   | -290     | 726      | 436
            annual plan            | 2026-01-01   | 2027-01-01 | 2026-07-02  | USD | 500.00  | 2000.00 | 183    | 365  | -250.68  | 1002.74  | 752.06
            annual over leap year  | 2028-01-01   | 2029-01-01 | 2028-07-02  | USD | 500.00  | 2000.00 | 183    | 366  | -250.00  | 1000.00  | 750.00
            annual mid-month start | 2026-03-31   | 2027-03-31 | 2026-09-30  | EUR | 470.00  | 1890.00 | 182    | 365  | -234.36  | 942.41   | 708.05
            """)
    void workedTable(
            String name,
            LocalDate start,
            LocalDate end,
            LocalDate change,
            String currency,
            String oldPrice,
            String newPrice,
            long unused,
            long days,
            String credit,
            String charge,
            String due) {
        ZoneId utc = ZoneOffset.UTC;
        BillingPeriod period = new BillingPeriod(
                start.atStartOfDay(utc).toInstant(), end.atStartOfDay(utc).toInstant(), utc);
        Proration.Result result = Proration.sameInterval(
                period,
                change.atTime(13, 45).atZone(utc).toInstant(),
                "old",
                Money.parse(oldPrice, currency),
                "new",
                Money.parse(newPrice, currency));

        assertThat(result.unusedDays()).isEqualTo(unused);
        assertThat(result.periodDays()).isEqualTo(days);
        assertThat(result.lines().get(0).kind()).isEqualTo(ChargeLine.Kind.PRORATION_CREDIT);
        assertThat(result.lines().get(0).amount()).isEqualTo(Money.parse(credit, currency));
        assertThat(result.lines().get(1).kind()).isEqualTo(ChargeLine.Kind.PRORATION_CHARGE);
        assertThat(result.lines().get(1).amount()).isEqualTo(Money.parse(charge, currency));
        assertThat(result.amountDue()).isEqualTo(Money.parse(due, currency));
    }

    @Test
    void daysAreCountedInTheAccountsTimeZone() {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        BillingPeriod march = new BillingPeriod(
                LocalDateTime.of(2026, 3, 1, 0, 0).atZone(tokyo).toInstant(),
                LocalDateTime.of(2026, 4, 1, 0, 0).atZone(tokyo).toInstant(),
                tokyo);
        // 16:00 UTC on 10 March is already 11 March in Tokyo: 21 unused days, not 22.
        var changeAt =
                LocalDateTime.of(2026, 3, 10, 16, 0).atZone(ZoneOffset.UTC).toInstant();
        var result = Proration.sameInterval(
                march, changeAt, "old", Money.parse("3100", "JPY"), "new", Money.parse("6200", "JPY"));
        assertThat(result.unusedDays()).isEqualTo(21);
        assertThat(result.amountDue()).isEqualTo(Money.parse("2100", "JPY"));
    }

    @Test
    void monthlyToAnnualCreditsTheRestOfTheMonthAndStartsAYear() {
        ZoneId utc = ZoneOffset.UTC;
        BillingPeriod april = new BillingPeriod(
                LocalDate.of(2026, 4, 1).atStartOfDay(utc).toInstant(),
                LocalDate.of(2026, 5, 1).atStartOfDay(utc).toInstant(),
                utc);
        var changeAt = LocalDate.of(2026, 4, 16).atStartOfDay(utc).toInstant();
        BillingPeriod year = BillingPeriods.period(changeAt, utc, 12, 0);
        var result = Proration.newInterval(
                april,
                changeAt,
                "pro-monthly",
                Money.parse("50.00", "USD"),
                year,
                "pro-annual",
                Money.parse("500.00", "USD"));
        assertThat(result.lines().get(0).amount()).isEqualTo(Money.parse("-25.00", "USD"));
        assertThat(result.lines().get(1).amount()).isEqualTo(Money.parse("500.00", "USD"));
        assertThat(result.amountDue()).isEqualTo(Money.parse("475.00", "USD"));
        assertThat(result.newPeriodStart()).isEqualTo(changeAt);
    }
}
