package com.abacus.revenue.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ratable recognition by day. A line's amount is split over the calendar days of its service period (reporting time
 * zone) in proportion: by the end of day {@code k} of {@code D}, {@code round(amount × k / D)} is recognised (half up,
 * away from zero for credits). So every day gets {@code amount / D} or one minor unit more, the extra units are spread
 * evenly over the period rather than bunched on its first days, and the last day closes the line exactly. A month
 * recognises what its days add up to ({@code cumulative(last day) − cumulative(day before its first)}), so the months
 * always add up to the line. EUR 470.00 over the 365 days from 1 May gives May 39.92 (its proportional 39.918…). A
 * line without a service period (a one-off) is recognised on its issue date.
 */
public final class Recognition {

    private Recognition() {}

    public static Map<YearMonth, Long> byMonth(
            long amountMinor, Instant serviceStart, Instant serviceEnd, Instant issuedAt, ZoneId zone) {
        Map<YearMonth, Long> months = new TreeMap<>();
        if (serviceStart == null || serviceEnd == null) {
            months.put(YearMonth.from(issuedAt.atZone(zone)), amountMinor);
            return months;
        }
        LocalDate first = serviceStart.atZone(zone).toLocalDate();
        LocalDate end = serviceEnd.atZone(zone).toLocalDate();
        long days = Math.max(1, ChronoUnit.DAYS.between(first, end));
        if (!end.isAfter(first)) {
            end = first.plusDays(1);
        }
        LocalDate monthStart = first;
        long dayIndex = 0;
        while (monthStart.isBefore(end)) {
            LocalDate nextMonth = monthStart.withDayOfMonth(1).plusMonths(1);
            LocalDate monthEnd = nextMonth.isBefore(end) ? nextMonth : end;
            long daysInMonth = ChronoUnit.DAYS.between(monthStart, monthEnd);
            long recognised =
                    cumulative(amountMinor, dayIndex + daysInMonth, days) - cumulative(amountMinor, dayIndex, days);
            months.merge(YearMonth.from(monthStart), recognised, Long::sum);
            dayIndex += daysInMonth;
            monthStart = monthEnd;
        }
        return months;
    }

    /** What is recognised by the end of day {@code day} of {@code days}: the proportional share, rounded half up. */
    public static long cumulative(long amountMinor, long day, long days) {
        long magnitude = Math.abs(amountMinor);
        long share = Math.addExact(Math.multiplyExact(2 * magnitude, day), days) / (2 * days);
        return amountMinor < 0 ? -share : share;
    }
}
