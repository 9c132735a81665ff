package com.abacus.revenue;

import java.time.Instant;
import java.time.YearMonth;
import org.springframework.modulith.events.Externalized;

@Externalized("abacus.revenue::#{#this.period().toString()}")
public record RevenuePeriodClosed(
        YearMonth period, String closedBy, String csvSha256, String journalSha256, Instant at) {}
