package com.abacus.revenue;

import static org.assertj.core.api.Assertions.assertThat;

import com.abacus.revenue.internal.Recognition;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ratable recognition by day; the remainder rule: one extra minor unit per day to the first days. */
class RecognitionTests {

    static final ZoneId UTC = ZoneOffset.UTC;

    @Test
    void annualPlanIsSpreadByDayAndSumsExactly() {
        // 500.00 over 365 days = 136.98 cents a day: 1.36 a day plus 360 days carrying one extra cent.
        Map<YearMonth, Long> months = Recognition.byMonth(50_000, day(2026, 1, 15), day(2027, 1, 15), null, UTC);
        assertThat(months).hasSize(13);
        assertThat(months.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(50_000);
        // 15-31 January: 17 days, all among the first 360 days: 17 x 137 = 2329
        assertThat(months.get(YearMonth.of(2026, 1))).isEqualTo(17 * 137);
        // the last 5 days (days 361-365) carry no extra cent: 1-14 January 2027 has 14 days, 9 of them with the extra
        // cent
        assertThat(months.get(YearMonth.of(2027, 1))).isEqualTo(14 * 136 + 9);
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
