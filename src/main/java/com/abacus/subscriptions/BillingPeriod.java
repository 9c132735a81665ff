package com.abacus.subscriptions;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** A service period [start, end), with its days counted as calendar days in the account's time zone. */
public record BillingPeriod(Instant start, Instant end, ZoneId zone) {

    public LocalDate startDate() {
        return start.atZone(zone).toLocalDate();
    }

    public LocalDate endDate() {
        return end.atZone(zone).toLocalDate();
    }

    public long days() {
        return ChronoUnit.DAYS.between(startDate(), endDate());
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }
}
