package com.abacus.revenue;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;

/**
 * A reporting month. Once CLOSED its figures never change: later adjustments post into the next open month, and its
 * exports are byte-identical on every run ({@code checksums}: SHA-256 per export format, fixed at close).
 */
public record RevenuePeriod(YearMonth period, boolean closed, Instant closedAt, String closedBy, Map<String, String> checksums) {}
