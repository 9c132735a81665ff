package com.abacus.invoicing;

import com.abacus.invoicing.internal.InvoiceRepository;
import com.abacus.invoicing.internal.InvoiceRunRepository;
import com.abacus.invoicing.internal.InvoiceRunner;
import com.abacus.invoicing.internal.UsageIngestion;
import com.abacus.shared.AccountId;
import com.abacus.shared.DomainException;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.NotFoundException;
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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Invoices, credit notes, usage, and the invoice run. */
@Service
public class Invoicing {

    static final String RUN_LOCK = "invoice-run";

    private final InvoiceRepository invoices;
    private final InvoiceRunRepository runs;
    private final InvoiceRunner runner;
    private final UsageIngestion usage;
    private final Subscriptions subscriptions;
    private final LockingTaskExecutor locks;
    private final TaskExecutor background;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Invoicing(InvoiceRepository invoices, InvoiceRunRepository runs, InvoiceRunner runner, UsageIngestion usage,
            Subscriptions subscriptions, LockingTaskExecutor locks, @Qualifier("applicationTaskExecutor") TaskExecutor background, ApplicationEventPublisher events, Clock clock) {
        this.invoices = invoices;
        this.runs = runs;
        this.runner = runner;
        this.usage = usage;
        this.subscriptions = subscriptions;
        this.locks = locks;
        this.background = background;
        this.events = events;
        this.clock = clock;
    }

    // --- invoices --------------------------------------------------------------------------------------------------

    public List<Invoice> invoices(AccountId account) {
        return invoices.forAccount(account);
    }

    public Invoice invoice(InvoiceId id) {
        return invoices.find(id).filter(i -> i.status() != InvoiceStatus.DRAFT).orElseThrow(() -> new NotFoundException("invoice", id));
    }

    /** The invoice if it belongs to {@code account}; another account's invoice is "not found", not "forbidden". */
    public Invoice invoiceOf(AccountId account, InvoiceId id) {
        Invoice invoice = invoice(id);
        if (!invoice.accountId().equals(account)) {
            throw new NotFoundException("invoice", id);
        }
        return invoice;
    }

    public Optional<Invoice> invoiceByNumber(String number) {
        return invoices.findByNumber(number.trim().toUpperCase());
    }

    public Optional<Invoice> invoicePaidBy(String paymentId) {
        return invoices.findByPayment(paymentId);
    }

    public List<CreditNote> creditNotes(AccountId account) {
        return invoices.creditNotes(account);
    }

    public List<CreditNote> creditNotesOf(InvoiceId invoice) {
        return invoices.creditNotesOf(invoice);
    }

    /** Invoices whose charge failed and that dunning is retrying. */
    public List<Invoice> dunningQueue() {
        return invoices.inDunning();
    }

    /** Staff cancel an issued, unpaid invoice (mistake, goodwill). Paid invoices are corrected with credit notes instead. */
    @Transactional
    public Invoice voidInvoice(InvoiceId id) {
        Invoice invoice = invoice(id);
        if (!invoices.writeOff(id, InvoiceStatus.VOID)) {
            throw new DomainException(DomainException.Kind.CONFLICT, "invoice-not-voidable",
                    "Only issued, unpaid invoices can be voided; this one is " + invoice.status().name().toLowerCase());
        }
        events.publishEvent(new InvoiceWrittenOff(id, invoice.number(), invoice.accountId(), invoice.total().currencyCode(),
                invoice.total().minor(), InvoiceStatus.VOID.name(), clock.instant()));
        return invoice(id);
    }

    // --- usage -----------------------------------------------------------------------------------------------------

    /** @param customer the customer sending its own usage, or null for a service reporting for any account */
    public UsageReceipt recordUsage(List<UsageEventInput> events, AccountId customer) {
        return usage.ingest(events, customer);
    }

    // --- invoice runs ----------------------------------------------------------------------------------------------

    @Scheduled(fixedDelayString = "${abacus.invoicing.run-interval:PT5M}", initialDelayString = "${abacus.invoicing.run-initial-delay:PT1M}")
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
            TaskResult<InvoiceRunRepository.Run> result = locks.executeWithLock(() -> {
                runs.abandonStale(clock.instant().minus(Duration.ofHours(1)), clock.instant());
                runs.start(id, asOf, by, subscriptions.countDueForRenewal(asOf), clock.instant());
                return runner.run(id, asOf);
            }, new LockConfiguration(clock.instant(), RUN_LOCK, Duration.ofMinutes(30), Duration.ZERO));
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
            throw new DomainException(DomainException.Kind.CONFLICT, "run-in-progress", "An invoice run is already in progress");
        }
        UUID id = UUID.randomUUID();
        background.execute(() -> runNow(id, asOf, by));
        return id;
    }

    public Optional<InvoiceRun> run(UUID id) {
        return runs.find(id).map(Invoicing::view);
    }

    public List<InvoiceRun> runs() {
        return runs.recent(20).stream().map(Invoicing::view).toList();
    }

    private static InvoiceRun view(InvoiceRunRepository.Run run) {
        return new InvoiceRun(run.id(), run.asOf(), run.status(), run.startedBy(), run.startedAt(), run.finishedAt(), run.due(),
                run.renewed(), run.canceled(), run.invoiced(), run.paid(), run.failed(), run.error(), run.percentDone());
    }
}
