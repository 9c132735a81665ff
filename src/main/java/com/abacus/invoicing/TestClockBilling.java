package com.abacus.invoicing;

import com.abacus.invoicing.internal.CollectionQueue;
import com.abacus.invoicing.internal.InvoiceRunner;
import com.abacus.invoicing.internal.UsageRepository;
import com.abacus.shared.SimulatedTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;

/**
 * Billing for the accounts of a test clock: the invoice run's work (renewals with their invoices and charges, dunning
 * retries, usage closes) at the clock's time, and when that work is next due. A clock's advance calls it in the
 * clock's frame; the scheduled invoice run never sees these accounts.
 */
@Service
public class TestClockBilling {

    /** What one pass did. */
    public record Done(long renewed, long canceled, long invoiced, long paid, long failed) {}

    private final InvoiceRunner runner;
    private final CollectionQueue collectionQueue;
    private final UsageRepository usage;
    private final Clock clock;

    TestClockBilling(InvoiceRunner runner, CollectionQueue collectionQueue, UsageRepository usage, Clock clock) {
        this.runner = runner;
        this.collectionQueue = collectionQueue;
        this.usage = usage;
        this.clock = clock;
    }

    /** Runs what is due at the frame's time for the frame's clock; refused outside a frame (it would bill real accounts). */
    public Done runDue() throws InterruptedException {
        if (SimulatedTime.current().isEmpty()) {
            throw new IllegalStateException("Test clock billing runs in a test clock's frame");
        }
        try {
            InvoiceRunner.Tally tally = runner.work(clock.instant(), t -> {});
            return new Done(tally.renewed(), tally.canceled(), tally.invoiced(), tally.paid(), tally.failed());
        } catch (ExecutionException e) {
            throw new IllegalStateException("Test clock billing failed", e.getCause());
        }
    }

    /** The next moment after {@code after} billing has work for this clock's accounts (a retry, a usage close). */
    public Optional<Instant> nextDue(UUID testClockId, Instant after) {
        return Stream.of(
                        collectionQueue.nextAttemptOnClock(testClockId, after),
                        usage.nextCloseOnClock(testClockId, after))
                .flatMap(Optional::stream)
                .min(Instant::compareTo);
    }
}
