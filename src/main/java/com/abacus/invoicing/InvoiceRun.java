package com.abacus.invoicing;

import java.time.Instant;
import java.util.UUID;

/** One execution of the invoice run, with live progress counters. */
public record InvoiceRun(
        UUID id,
        Instant asOf,
        String status,
        String startedBy,
        Instant startedAt,
        Instant finishedAt,
        long due,
        long renewed,
        long canceled,
        long invoiced,
        long paid,
        long failed,
        String error,
        int percentDone) {}
