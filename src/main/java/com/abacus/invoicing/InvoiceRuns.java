package com.abacus.invoicing;

import com.abacus.invoicing.internal.InvoiceRunRepository;
import com.abacus.invoicing.internal.InvoiceRunner;
import com.abacus.shared.DomainException;
import com.abacus.shared.InvalidInputException;
import com.abacus.subscriptions.Subscriptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor.TaskResult;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The invoice run: every 5 minutes, or started by hand, it renews and invoices what is due, collects and duns. One
 * instance at a time (a ShedLock row in PostgreSQL), so several instances never invoice at once.
 */
@Service
public class InvoiceRuns {

    static final String RUN_LOCK = "invoice-run";

    private final InvoiceRunRepository runs;
    private final InvoiceRunner runner;
    private final Subscriptions subscriptions;
    private final LockingTaskExecutor locks;
    private final TaskExecutor background;
    private final Clock clock;

    InvoiceRuns(
            InvoiceRunRepository runs,
            InvoiceRunner runner,
            Subscriptions subscriptions,
            LockingTaskExecutor locks,
            @Qualifier("applicationTaskExecutor") TaskExecutor background,
            Clock clock) {
        this.runs = runs;
        this.runner = runner;
        this.subscriptions = subscriptions;
        this.locks = locks;
        this.background = background;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${abacus.invoicing.run-interval:PT5M}",
            initialDelayString = "${abacus.invoicing.run-initial-delay:PT1M}")
    void scheduledRun() {
        runNow(clock.instant(), "scheduler");
    }

    /**
     * Runs the invoice run now, in this thread, unless one is already running on any instance (then empty). The lock
     * is held in PostgreSQL, so several instances never invoice at once.
     */
    public Optional<InvoiceRun> runNow(Instant asOf, String by) {
        return runNow(UUID.randomUUID(), asOf, by);
    }

    private Optional<InvoiceRun> runNow(UUID id, Instant asOf, String by) {
        try {
            TaskResult<InvoiceRunRepository.Run> result = locks.executeWithLock(
                    () -> {
                        runs.abandonStale(clock.instant().minus(Duration.ofHours(1)), clock.instant());
                        runs.start(id, asOf, by, subscriptions.countDueForRenewal(asOf), clock.instant());
                        return runner.run(id, asOf);
                    },
                    new LockConfiguration(clock.instant(), RUN_LOCK, Duration.ofMinutes(30), Duration.ZERO));
            return result.wasExecuted() ? Optional.of(view(result.getResult())) : Optional.empty();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Invoice run failed", e);
        }
    }

    /**
     * Starts a run in the background (console button). Poll {@link #run(UUID)} with the returned id: it is empty until
     * the run has the lock and has registered.
     */
    public UUID startRun(Instant asOf, String by) {
        if (asOf.isAfter(clock.instant())) {
            throw new InvalidInputException("asOf", "cannot bill the future");
        }
        if (runs.recent(1).stream().anyMatch(r -> "RUNNING".equals(r.status()))) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT, "run-in-progress", "An invoice run is already in progress");
        }
        UUID id = UUID.randomUUID();
        background.execute(() -> runNow(id, asOf, by));
        return id;
    }

    public Optional<InvoiceRun> run(UUID id) {
        return runs.find(id).map(InvoiceRuns::view);
    }

    public List<InvoiceRun> runs() {
        return runs.recent(20).stream().map(InvoiceRuns::view).toList();
    }

    private static InvoiceRun view(InvoiceRunRepository.Run run) {
        return new InvoiceRun(
                run.id(),
                run.asOf(),
                run.status(),
                run.startedBy(),
                run.startedAt(),
                run.finishedAt(),
                run.due(),
                run.renewed(),
                run.canceled(),
                run.invoiced(),
                run.paid(),
                run.failed(),
                run.error(),
                run.percentDone());
    }
}
