package com.abacus.invoicing.internal;

import com.abacus.invoicing.Invoice;
import com.abacus.invoicing.InvoiceId;
import com.abacus.shared.SimulatedTime;
import com.abacus.subscriptions.SubscriptionId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The invoice run: every subscription whose period has ended is renewed (or canceled, or its scheduled change applied)
 * and invoiced in one transaction, then charged. Work per subscription is idempotent (the renewal checks the period it
 * expects; the invoice has a source key; the charge has an attempt key), so a run killed halfway resumes on the next
 * run and bills each subscription exactly once per period. Usage is billed monthly in arrears, in the renewal invoice
 * or, for the months inside an annual period, in a usage invoice of its own.
 */
@Component
public class InvoiceRunner {

    private static final Logger log = LoggerFactory.getLogger(InvoiceRunner.class);

    private final RenewalInvoicing renewalInvoicing;
    private final UsageBilling usageBilling;
    private final Collection collection;
    private final CollectionQueue collectionQueue;
    private final InvoiceRunRepository runs;
    private final InvoicingSettings settings;
    private final Clock clock;

    InvoiceRunner(
            RenewalInvoicing renewalInvoicing,
            UsageBilling usageBilling,
            Collection collection,
            CollectionQueue collectionQueue,
            InvoiceRunRepository runs,
            InvoicingSettings settings,
            Clock clock) {
        this.renewalInvoicing = renewalInvoicing;
        this.usageBilling = usageBilling;
        this.collection = collection;
        this.collectionQueue = collectionQueue;
        this.runs = runs;
        this.settings = settings;
        this.clock = clock;
    }

    /** What a run did so far. */
    public record Tally(long renewed, long canceled, long invoiced, long paid, long failed) {}

    /** Runs to completion, recorded as invoice run {@code runId}; the caller holds the cluster-wide lock. */
    public InvoiceRunRepository.Run run(java.util.UUID runId, Instant asOf) {
        try {
            Tally done = work(
                    asOf, t -> runs.progress(runId, t.renewed(), t.canceled(), t.invoiced(), t.paid(), t.failed()));
            runs.progress(runId, done.renewed(), done.canceled(), done.invoiced(), done.paid(), done.failed());
            return runs.finish(runId, clock.instant(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return runs.finish(runId, clock.instant(), "interrupted");
        } catch (Exception e) {
            log.error("Invoice run {} failed", runId, e);
            return runs.finish(
                    runId,
                    clock.instant(),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /**
     * The run's work for the accounts of this thread's time ({@link SimulatedTime#scope()}): real accounts for the
     * scheduled run, one test clock's during its advance. Its workers run in the caller's frame.
     */
    public Tally work(Instant asOf, Consumer<Tally> progress) throws InterruptedException, ExecutionException {
        AtomicLong renewed = new AtomicLong();
        AtomicLong canceled = new AtomicLong();
        AtomicLong invoiced = new AtomicLong();
        AtomicLong paid = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ExecutorService workers = Executors.newFixedThreadPool(settings.runThreads());
        try {
            // Invoices issued by an earlier, interrupted run but never charged, and dunning retries that are due.
            for (InvoiceId id : collectionQueue.collectible(clock.instant(), 10_000)) {
                RenewalInvoicing.count(collection.collect(id), paid, failed);
            }
            // Each worker takes batches of due subscriptions (rows another worker holds are skipped) until none is
            // left. A subscription several periods behind (the platform was down) comes back after each renewal until
            // it is current; one that failed or did not move is skipped for the rest of this run, so the loop always
            // ends.
            RenewalInvoicing.Counts counts = new RenewalInvoicing.Counts(renewed, canceled, invoiced, paid, failed);
            Set<SubscriptionId> skipped = ConcurrentHashMap.newKeySet();
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < settings.runThreads(); i++) {
                work.add(workers.submit(SimulatedTime.carried(() -> {
                    while (!Thread.currentThread().isInterrupted()
                            && renewalInvoicing.renewBatch(asOf, skipped, counts)) {
                        progress.accept(
                                new Tally(renewed.get(), canceled.get(), invoiced.get(), paid.get(), failed.get()));
                    }
                })));
            }
            for (Future<?> future : work) {
                future.get();
            }
            for (String subscription : usageBilling.dueForClose(asOf, 10_000)) {
                Invoice invoice = usageBilling.closeUsage(subscription, asOf);
                if (invoice != null) {
                    invoiced.incrementAndGet();
                    RenewalInvoicing.count(collection.collect(invoice.id()), paid, failed);
                }
            }
            return new Tally(renewed.get(), canceled.get(), invoiced.get(), paid.get(), failed.get());
        } finally {
            workers.shutdownNow();
        }
    }
}
