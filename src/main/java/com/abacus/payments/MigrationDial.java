package com.abacus.payments;

import java.time.Instant;

/**
 * The migration dial: {@code newCustomers} sends accounts that have never paid to the new processor; {@code percent}
 * moves existing accounts whose stable hash bucket (0–99) is below it. {@code halted} freezes everything back to the
 * legacy processor where the account's legacy card still works; {@code haltedMethods} does so for those methods only
 * (a method only the new processor takes has nowhere else to go, so it cannot be halted alone).
 */
public record MigrationDial(
        boolean newCustomers,
        int percent,
        boolean halted,
        String haltedReason,
        String updatedBy,
        Instant updatedAt,
        java.util.Set<PaymentMethodType> haltedMethods) {

    /** Whether charges of this method are kept off the new processor: the whole dial is halted, or the method is. */
    public boolean haltedFor(PaymentMethodType method) {
        return halted || haltedMethods.contains(method);
    }
}
