package com.abacus.subscriptions;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Anniversary billing in the account's time zone. Period {@code n} starts at the anchor's local date and time plus
 * {@code n × months}; each period is computed from the anchor, never from the previous period, so a subscription
 * started on 31 January bills on 28 (or 29) February and again on 31 March, and one started on 29 February bills on
 * 28 February in common years. Local wall-clock time is kept across DST changes (a period may be 23 or 25 hours
 * longer or shorter in absolute time; it is never a day off).
 */
public final class BillingPeriods {

    private BillingPeriods() {}

    public static BillingPeriod period(Instant anchor, ZoneId zone, int monthsPerPeriod, int index) {
        ZonedDateTime local = anchor.atZone(zone);
        Instant start = local.plusMonths((long) monthsPerPeriod * index).toInstant();
        Instant end = local.plusMonths((long) monthsPerPeriod * (index + 1)).toInstant();
        return new BillingPeriod(start, end, zone);
    }

    /** The monthly sub-periods of a longer period, used to bill usage monthly in arrears on annual plans. */
    public static BillingPeriod month(Instant anchor, ZoneId zone, int monthIndex) {
        return period(anchor, zone, 1, monthIndex);
    }

    /** Index of the monthly sub-period containing {@code instant}. */
    public static int monthIndexAt(Instant anchor, ZoneId zone, Instant instant) {
        int index = Math.max(
                0, (int) java.time.temporal.ChronoUnit.MONTHS.between(anchor.atZone(zone), instant.atZone(zone)) - 1);
        while (!month(anchor, zone, index).contains(instant)) {
            index++;
        }
        return index;
    }

    public static Instant plusDays(Instant start, ZoneId zone, int days) {
        return start.atZone(zone).plusDays(days).toInstant();
    }
}
