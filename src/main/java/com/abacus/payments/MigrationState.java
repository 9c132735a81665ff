package com.abacus.payments;

import java.time.Duration;
import java.util.List;

/** Everything the processor-migration dashboard shows. */
public record MigrationState(
        MigrationDial dial,
        List<ProcessorStats> processors,
        long paymentMethodsToMigrate,
        long paymentMethodsMigrated,
        Duration window,
        int haltFailurePercent) {}
