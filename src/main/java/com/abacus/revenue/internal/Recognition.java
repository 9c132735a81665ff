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
 * zone): every day gets {@code amount / days}, and the remainder goes one minor unit per day to the first days. Each
 * month recognises the sum of its days, so the months always add up to the line exactly. A line without a service
 * period (a one-off) is recognised on its issue date.
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
        long base = amountMinor / days;
        long remainder = amountMinor % days;
        long extraDays = Math.abs(remainder);
        long sign = Long.signum(remainder);
        LocalDate monthStart = first;
        long dayIndex = 0;
        while (monthStart.isBefore(end)) {
            LocalDate nextMonth = monthStart.withDayOfMonth(1).plusMonths(1);
            LocalDate monthEnd = nextMonth.isBefore(end) ? nextMonth : end;
            long daysInMonth = ChronoUnit.DAYS.between(monthStart, monthEnd);
            long extraInMonth = Math.max(0, Math.min(extraDays, dayIndex + daysInMonth) - dayIndex);
            months.merge(YearMonth.from(monthStart), base * daysInMonth + sign * extraInMonth, Long::sum);
            dayIndex += daysInMonth;
            monthStart = monthEnd;
        }
        return months;
    }
}
