package com.abacus.revenue;

import static org.assertj.core.api.Assertions.assertThat;

import com.abacus.revenue.internal.Recognition;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ratable recognition by day; the remainder rule: the proportional share by each day's end, rounded half up, so the
 * extra minor units are spread evenly, no day differs from another by more than one, and the last day closes exactly.
 */
class RecognitionTests {

    static final ZoneId UTC = ZoneOffset.UTC;

    @Test
    void annualPlanIsSpreadByDayAndSumsExactly() {
        // 500.00 over 365 days (15 Jan 2026 to 15 Jan 2027) = 136.986… cents a day.
        Map<YearMonth, Long> months = Recognition.byMonth(50_000, day(2026, 1, 15), day(2027, 1, 15), null, UTC);
        assertThat(months).hasSize(13);
        assertThat(months.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(50_000);
        // 15-31 January, 17 days: round(50000 × 17 / 365) = round(2328.77) = 2329
        assertThat(months.get(YearMonth.of(2026, 1))).isEqualTo(2_329);
        // February, days 18-45: round(50000 × 45 / 365) − 2329 = 6164 − 2329 = 3835 (28 × 136.99)
        assertThat(months.get(YearMonth.of(2026, 2))).isEqualTo(3_835);
        // 1-14 January 2027, the last 14 days: 50000 − round(50000 × 351 / 365) = 50000 − 48082 = 1918
        assertThat(months.get(YearMonth.of(2027, 1))).isEqualTo(1_918);
    }

    /** The worked table in ARCHITECTURE.md: what each month of a year-long line recognises, in three currencies. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        // amount (minor), first day, month, recognised (minor)
        "47000, 2026-05-01, 2026-05, 3992", // EUR 470.00: 39.92 in May (proportional 39.918…), not 39.99
        "47000, 2026-05-01, 2026-06, 3863", // June: round(47000 × 61 / 365) − 3992 = 7855 − 3992
        "47000, 2026-05-01, 2027-04, 3863", // the last month closes the line: 47000 − round(47000 × 335 / 365)
        "75000, 2026-05-01, 2026-05, 6370", // JPY 75,000 (no minor unit): 6,370 yen in May (6,369.86…)
        "-47000, 2026-05-01, 2026-05, -3992", // a credit is spread the same way, away from zero
    })
    void eachMonthRecognisesItsProportionalShareRounded(long amount, String first, String month, long recognised) {
        var start = LocalDate.parse(first).atStartOfDay(UTC).toInstant();
        var end = LocalDate.parse(first).plusYears(1).atStartOfDay(UTC).toInstant();
        Map<YearMonth, Long> months = Recognition.byMonth(amount, start, end, null, UTC);
        assertThat(months.get(YearMonth.parse(month))).isEqualTo(recognised);
        assertThat(months.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(amount);
    }

    @Test
    void noDayDiffersFromAnotherByMoreThanOneMinorUnit() {
        for (long amount : new long[] {47_000, 50_000, 1_001, 7_500, 99_999, -1_001}) {
            for (long days : new long[] {28, 30, 31, 365, 366}) {
                long previous = 0;
                long smallest = Long.MAX_VALUE;
                long largest = Long.MIN_VALUE;
                for (long k = 1; k <= days; k++) {
                    long cumulative = Recognition.cumulative(amount, k, days);
                    smallest = Math.min(smallest, cumulative - previous);
                    largest = Math.max(largest, cumulative - previous);
                    previous = cumulative;
                }
                assertThat(previous)
                        .as("%d over %d days closes exactly", amount, days)
                        .isEqualTo(amount);
                assertThat(largest - smallest)
                        .as("%d over %d days", amount, days)
                        .isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void monthlyPlanWithinOneMonth() {
        Map<YearMonth, Long> months = Recognition.byMonth(5_000, day(2026, 3, 1), day(2026, 4, 1), null, UTC);
        assertThat(months).containsExactly(Map.entry(YearMonth.of(2026, 3), 5_000L));
    }

    @Test
    void splitAcrossMonthEndByDay() {
        // 31.00 for 10-10 Feb..Mar (28 days in a 2026 February period): 10 Feb..1 Mar = 19 days, 1 Mar..10 Mar = 9 days
        Map<YearMonth, Long> months = Recognition.byMonth(2_800, day(2026, 2, 10), day(2026, 3, 10), null, UTC);
        assertThat(months.get(YearMonth.of(2026, 2))).isEqualTo(1_900);
        assertThat(months.get(YearMonth.of(2026, 3))).isEqualTo(900);
    }

    @Test
    void creditsAreSpreadTheSameWayAndYenStaysWhole() {
        Map<YearMonth, Long> credit = Recognition.byMonth(-1_001, day(2026, 1, 20), day(2026, 2, 20), null, UTC);
        assertThat(credit.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(-1_001);
        Map<YearMonth, Long> yen = Recognition.byMonth(7_500, day(2026, 1, 20), day(2026, 2, 20), null, UTC);
        assertThat(yen.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(7_500);
    }

    @Test
    void reportingZoneDecidesTheDay() {
        // 23:30 UTC on 31 January is already 1 February in Tokyo.
        var start = LocalDate.of(2026, 1, 31).atTime(23, 30).atZone(UTC).toInstant();
        var end = LocalDate.of(2026, 2, 28).atTime(23, 30).atZone(UTC).toInstant();
        assertThat(Recognition.byMonth(2_800, start, end, null, ZoneId.of("Asia/Tokyo")))
                .containsOnlyKeys(YearMonth.of(2026, 2));
        assertThat(Recognition.byMonth(2_800, start, end, null, UTC))
                .containsKeys(YearMonth.of(2026, 1), YearMonth.of(2026, 2));
    }

    @Test
    void oneOffsAreRecognisedWhenIssued() {
        var issued = day(2026, 5, 31);
        assertThat(Recognition.byMonth(999, null, null, issued, UTC))
                .containsExactly(Map.entry(YearMonth.of(2026, 5), 999L));
    }

    static java.time.Instant day(int year, int month, int day) {
        return LocalDate.of(year, month, day).atStartOfDay(UTC).toInstant();
    }
}
