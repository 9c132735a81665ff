package com.abacus.payments;

import java.time.Instant;

/** The new processor failed too often; the dial is frozen and traffic goes back to the legacy processor. */
public record ProcessorMigrationHalted(Processor processor, long failures, long attempts, Instant at) {}
