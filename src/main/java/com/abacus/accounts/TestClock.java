package com.abacus.accounts;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Simulated time for the accounts created on it (sandbox only). {@code frozenTime} is their "now"; it moves only
 * forward, when the clock is advanced, and the due work of every moment passed is run for them in order.
 *
 * @param advanceTo where a running advance is going; null when ready
 * @param lastAdvance what the last advance did, in words (invoices issued, payments, changes); null before the first
 */
public record TestClock(
        UUID id,
        String name,
        Instant frozenTime,
        Status status,
        @Nullable Instant advanceTo,
        @Nullable String lastAdvance,
        Instant createdAt) {

    public enum Status {
        READY,
        ADVANCING
    }
}
