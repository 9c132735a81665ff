package com.abacus.revenue;

import com.abacus.shared.InvalidInputException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * A reporting month. Once CLOSED its figures never change: later adjustments post into the next open month, and its
 * exports are byte-identical on every run ({@code checksums}: SHA-256 per export format, fixed at close).
 */
public record RevenuePeriod(
        YearMonth period, boolean closed, Instant closedAt, String closedBy, Map<String, String> checksums) {

    /** The months a reporting period may be: the platform's books start after 2000 and stop before 3000. */
    public static final YearMonth FIRST = YearMonth.of(2000, 1);

    public static final YearMonth LAST = YearMonth.of(2999, 12);

    /** A month as finance writes it ({@code 2026-11}), within {@link #FIRST} to {@link #LAST}. */
    public static YearMonth parse(String period) {
        YearMonth month;
        try {
            month = period == null || period.length() != 7 ? null : YearMonth.parse(period);
        } catch (DateTimeParseException e) {
            month = null;
        }
        if (month == null || month.isBefore(FIRST) || month.isAfter(LAST)) {
            throw new InvalidInputException(
                    "period", "must be a month from " + FIRST + " to " + LAST + ", such as 2026-11");
        }
        return month;
    }
}
