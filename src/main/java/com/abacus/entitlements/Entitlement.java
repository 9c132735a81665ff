package com.abacus.entitlements;

import java.time.Instant;

/**
 * What an account may use of one feature. {@code source} says where the value comes from: {@code plan:<code>},
 * {@code addon:<code>}, {@code trial:<id>}, {@code override:<id>}. {@code validUntil} is when it lapses unless renewed
 * (end of a canceled period, end of a trial); null while it simply continues.
 */
public record Entitlement(String feature, boolean enabled, Long limit, String source, Instant validUntil) {}
