package com.abacus.payments;

import java.time.Instant;

/**
 * The migration dial: {@code newCustomers} sends accounts that have never paid to the new processor; {@code percent}
 * moves existing accounts whose stable hash bucket (0–99) is below it. {@code halted} freezes everything back to the
 * legacy processor where the account's legacy card still works.
 */
public record MigrationDial(
        boolean newCustomers, int percent, boolean halted, String haltedReason, String updatedBy, Instant updatedAt) {}
