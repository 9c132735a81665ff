package com.abacus.subscriptions;

import java.time.Instant;

/** Staff moved subscriptions of a plan to a newer catalog version (new price from the next renewal). */
public record SubscriptionsMigrated(
        String planCode, int fromVersion, int toVersion, int count, String by, Instant at) {}
