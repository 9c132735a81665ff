package com.abacus.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Anniversary billing in the account's time zone: month ends, leap days, DST. */
class BillingPeriodsTests {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Test
    void startedOnThe31stBillsOnTheLastDayOfShortMonthsAndBackOnThe31st() {
        var anchor = LocalDateTime.of(2026, 1, 31, 9, 30).atZone(NEW_YORK).toInstant();
        assertThat(BillingPeriods.period(anchor, NEW_YORK, 1, 0).endDate()).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(BillingPeriods.period(anchor, NEW_YORK, 1, 1).endDate()).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(BillingPeriods.period(anchor, NEW_YORK, 1, 2).endDate()).isEqualTo(LocalDate.of(2026, 4, 30));
        assertThat(BillingPeriods.period(anchor, NEW_YORK, 1, 3).endDate()).isEqualTo(LocalDate.of(2026, 5, 31));
        // Periods chain without gaps or overlaps.
        assertThat(BillingPeriods.period(anchor, NEW_YORK, 1, 1).start())
                .isEqualTo(BillingPeriods.period(anchor, NEW_YORK, 1, 0).end());
    }

    @Test
    void leapDays() {
        var jan31 = LocalDateTime.of(2028, 1, 31, 0, 0).atZone(NEW_YORK).toInstant();
        assertThat(BillingPeriods.period(jan31, NEW_YORK, 1, 0).endDate()).isEqualTo(LocalDate.of(2028, 2, 29));
        assertThat(BillingPeriods.period(jan31, NEW_YORK, 1, 0).days()).isEqualTo(29);

        var leapDay = LocalDateTime.of(2028, 2, 29, 12, 0).atZone(NEW_YORK).toInstant();
        assertThat(BillingPeriods.period(leapDay, NEW_YORK, 12, 0).endDate()).isEqualTo(LocalDate.of(2029, 2, 28));
        assertThat(BillingPeriods.period(leapDay, NEW_YORK, 12, 1).endDate()).isEqualTo(LocalDate.of(2030, 2, 28));
        assertThat(BillingPeriods.period(leapDay, NEW_YORK, 12, 3).endDate()).isEqualTo(LocalDate.of(2032, 2, 29));
        assertThat(BillingPeriods.period(leapDay, NEW_YORK, 12, 0).days()).isEqualTo(365);
    }

    @Test
    void dstKeepsTheLocalBillingTimeAndTheDayCount() {
        // DST starts in New York on 8 March 2026: the period is an hour shorter, still 28 days, still at 10:00.
        var anchor = LocalDateTime.of(2026, 2, 10, 10, 0).atZone(NEW_YORK).toInstant();
        BillingPeriod february = BillingPeriods.period(anchor, NEW_YORK, 1, 0);
        assertThat(february.end().atZone(NEW_YORK).toLocalDateTime()).isEqualTo(LocalDateTime.of(2026, 3, 10, 10, 0));
        assertThat(Duration.between(february.start(), february.end()))
                .isEqualTo(Duration.ofDays(28).minusHours(1));
        assertThat(february.days()).isEqualTo(28);
        // ... and ends on 1 November: that period is an hour longer.
        var october = BillingPeriods.period(
                LocalDateTime.of(2026, 10, 10, 10, 0).atZone(NEW_YORK).toInstant(), NEW_YORK, 1, 0);
        assertThat(Duration.between(october.start(), october.end()))
                .isEqualTo(Duration.ofDays(31).plusHours(1));
    }

    @Test
    void anchorInTheSkippedDstHourMovesForwardNotBack() {
        // 2:30 on 8 March 2026 does not exist in New York; the period that would end there ends at 3:30.
        var anchor = LocalDateTime.of(2026, 2, 8, 2, 30).atZone(NEW_YORK).toInstant();
        assertThat(BillingPeriods.period(anchor, NEW_YORK, 1, 0)
                        .end()
                        .atZone(NEW_YORK)
                        .toLocalDateTime())
                .isEqualTo(LocalDateTime.of(2026, 3, 8, 3, 30));
    }

    @Test
    void periodDatesAreTheAccountsLocalDates() {
        // 1 March 00:00 in Tokyo is still 28 February in UTC.
        var anchor = LocalDateTime.of(2026, 3, 1, 0, 0).atZone(TOKYO).toInstant();
        BillingPeriod march = BillingPeriods.period(anchor, TOKYO, 1, 0);
        assertThat(march.startDate()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(march.days()).isEqualTo(31);
    }

    @Test
    void monthlySubPeriodsOfAnAnnualPlan() {
        var anchor = LocalDateTime.of(2026, 1, 31, 0, 0).atZone(NEW_YORK).toInstant();
        var inMarch = LocalDateTime.of(2026, 3, 15, 0, 0).atZone(NEW_YORK).toInstant();
        assertThat(BillingPeriods.monthIndexAt(anchor, NEW_YORK, inMarch)).isEqualTo(1);
        assertThat(BillingPeriods.month(anchor, NEW_YORK, 1).startDate()).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(BillingPeriods.monthIndexAt(anchor, NEW_YORK, anchor)).isEqualTo(0);
    }
}
