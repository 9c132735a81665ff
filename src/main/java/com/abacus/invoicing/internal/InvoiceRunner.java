package com.abacus.invoicing.internal;

import com.abacus.invoicing.Invoice;
import com.abacus.invoicing.InvoiceId;
import com.abacus.invoicing.InvoiceLine;
import com.abacus.invoicing.InvoiceStatus;
import com.abacus.subscriptions.BillingPeriod;
import com.abacus.subscriptions.BillingPeriods;
import com.abacus.subscriptions.DueRenewals;
import com.abacus.subscriptions.RenewalOutcome;
import com.abacus.subscriptions.Subscription;
import com.abacus.subscriptions.SubscriptionId;
import com.abacus.subscriptions.Subscriptions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

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

    private final Subscriptions subscriptions;
    private final InvoiceIssuer issuer;
    private final Collector collector;
    private final UsageRating rating;
    private final UsageRepository usage;
    private final InvoiceRepository invoices;
    private final InvoiceRunRepository runs;
    private final InvoicingSettings settings;
    private final TransactionTemplate transactions;
    private final Clock clock;

    InvoiceRunner(Subscriptions subscriptions, InvoiceIssuer issuer, Collector collector, UsageRating rating, UsageRepository usage,
            InvoiceRepository invoices, InvoiceRunRepository runs, InvoicingSettings settings,
            TransactionTemplate transactions, Clock clock) {
        this.subscriptions = subscriptions;
        this.issuer = issuer;
        this.collector = collector;
        this.rating = rating;
        this.usage = usage;
        this.invoices = invoices;
        this.runs = runs;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Runs to completion; the caller holds the cluster-wide lock. */
    public InvoiceRunRepository.Run run(java.util.UUID runId, Instant asOf) {
        AtomicLong renewed = new AtomicLong();
        AtomicLong canceled = new AtomicLong();
        AtomicLong invoiced = new AtomicLong();
        AtomicLong paid = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ExecutorService workers = Executors.newFixedThreadPool(settings.runThreads());
        try {
            // Invoices issued by an earlier, interrupted run but never charged.
            for (InvoiceId id : invoices.collectible(clock.instant(), 10_000)) {
                count(collector.collect(id), paid, failed);
            }
            // Each worker takes batches of due subscriptions (rows another worker holds are skipped) until none is left.
            // A subscription several periods behind (the platform was down) comes back after each renewal until it is
            // current; one that failed or did not move is skipped for the rest of this run, so the loop always ends.
            Counts counts = new Counts(renewed, canceled, invoiced, paid, failed);
            Set<SubscriptionId> skipped = ConcurrentHashMap.newKeySet();
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < settings.runThreads(); i++) {
                work.add(workers.submit(() -> {
                    while (!Thread.currentThread().isInterrupted() && renewBatch(asOf, skipped, counts)) {
                        runs.progress(runId, renewed.get(), canceled.get(), invoiced.get(), paid.get(), failed.get());
                    }
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
            for (String subscription : usage.dueForClose(asOf, 10_000)) {
                Invoice invoice = closeUsage(subscription, asOf);
                if (invoice != null) {
                    invoiced.incrementAndGet();
                    count(collector.collect(invoice.id()), paid, failed);
                }
            }
            runs.progress(runId, renewed.get(), canceled.get(), invoiced.get(), paid.get(), failed.get());
            return runs.finish(runId, clock.instant(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return runs.finish(runId, clock.instant(), "interrupted");
        } catch (Exception e) {
            log.error("Invoice run {} failed", runId, e);
            return runs.finish(runId, clock.instant(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } finally {
            workers.shutdownNow();
        }
    }

    record Outcome(RenewalOutcome.Kind kind, Invoice invoice) {}

    record Counts(AtomicLong renewed, AtomicLong canceled, AtomicLong invoiced, AtomicLong paid, AtomicLong failed) {}

    /**
     * One batch: plain renewals are renewed, invoiced and numbered together in one transaction, then charged together;
     * the subscriptions whose renewal needs more (trials, scheduled changes, cancellations) go one by one. If the batch
     * transaction fails, nothing of it is kept and its subscriptions go one by one too, so one bad subscription is
     * skipped without holding up the others.
     *
     * @return false when nothing was due
     */
    boolean renewBatch(Instant asOf, Set<SubscriptionId> skipped, Counts counts) {
        List<SubscriptionId> taken = new ArrayList<>();
        List<SubscriptionId> oneByOne = new ArrayList<>();
        List<Invoice> issued;
        try {
            issued = transactions.execute(tx -> {
                DueRenewals due = subscriptions.renewDue(asOf, skipped, settings.runBatchSize());
                due.renewed().forEach(r -> taken.add(r.after().id()));
                oneByOne.addAll(due.oneByOne());
                // Claimed while still locked, so another worker does not renew them beside this one.
                skipped.addAll(due.oneByOne());
                return issuer.issueAll(drafts(due.renewed()));
            });
        } catch (RuntimeException e) {
            if (taken.isEmpty() && oneByOne.isEmpty()) {
                throw e;
            }
            log.warn("Invoice run batch of {} subscriptions failed ({}); renewing them one by one", taken.size(), e.toString());
            oneByOne.addAll(taken);
            issued = List.of();
        }
        if (issued.isEmpty() && oneByOne.isEmpty()) {
            return false;
        }
        counts.renewed().addAndGet(issued.size());
        counts.invoiced().addAndGet(issued.size());
        if (!issued.isEmpty()) {
            collector.collectAll(issued).values().forEach(result -> count(result, counts.paid(), counts.failed()));
        }
        skipped.addAll(oneByOne);
        for (SubscriptionId id : oneByOne) {
            renewOne(id, skipped, counts);
        }
        return true;
    }

    /** The invoice of each plain renewal: the new period's charges and the usage of the period that ended. */
    private List<InvoiceIssuer.Draft> drafts(List<DueRenewals.Renewal> renewals) {
        Map<String, Instant> billedUntil = usage.lockBilledUntil(renewals.stream().map(r -> r.after().id().toString()).toList());
        List<UsageRepository.Window> windows = new ArrayList<>();
        for (DueRenewals.Renewal renewal : renewals) {
            String id = renewal.after().id().toString();
            Instant from = billedUntil.get(id);
            if (from != null) {
                windows.addAll(rating.windows(id, renewal.before(), from, renewal.before().currentPeriod().end()));
            }
        }
        Map<String, Long> totals = usage.totals(windows);
        List<UsageRepository.BilledUntil> billed = new ArrayList<>();
        List<InvoiceIssuer.Draft> drafts = new ArrayList<>();
        for (DueRenewals.Renewal renewal : renewals) {
            Subscription before = renewal.before();
            Subscription after = renewal.after();
            String id = after.id().toString();
            Instant to = before.currentPeriod().end();
            List<InvoiceLine> lines = new ArrayList<>(InvoiceIssuer.fromCharges(before.product(), renewal.lines()));
            Instant from = billedUntil.get(id);
            if (from != null && from.isBefore(to)) {
                lines.addAll(rating.lines(before, from, to, metric -> totals.getOrDefault(id + "/" + metric, 0L)));
                billed.add(new UsageRepository.BilledUntil(id, to, BillingPeriods.month(after.anchor(), after.timeZone(),
                        BillingPeriods.monthIndexAt(after.anchor(), after.timeZone(), to)).end()));
            }
            drafts.add(new InvoiceIssuer.Draft(before.accountId(), id, before.price().currencyCode(), lines, after.currentPeriod().start(),
                    after.currentPeriod().end(), "renewal:" + id + ":" + after.currentPeriod().start(), null));
        }
        usage.billedUntilAll(billed);
        return drafts;
    }

    /** A renewal that needs more than the batch gives, or one whose batch failed: renewed, invoiced and charged alone. */
    private void renewOne(SubscriptionId id, Set<SubscriptionId> skipped, Counts counts) {
        try {
            Outcome outcome = renew(id);
            switch (outcome.kind()) {
                case RENEWED -> {
                    counts.renewed().incrementAndGet();
                    skipped.remove(id);
                }
                case CANCELED -> counts.canceled().incrementAndGet();
                default -> {
                    // Not moved: stays skipped for the rest of the run.
                }
            }
            if (outcome.invoice() != null) {
                counts.invoiced().incrementAndGet();
                count(outcome.invoice().status() == InvoiceStatus.PAID ? Collector.Result.PAID : collector.collect(outcome.invoice().id()),
                        counts.paid(), counts.failed());
            }
        } catch (RuntimeException e) {
            counts.failed().incrementAndGet();
            log.error("Renewal of subscription {} failed; it will be retried by the next run", id, e);
        }
    }

    /** Renewal and its invoice commit together: there is never a renewed period without its invoice. */
    Outcome renew(SubscriptionId id) {
        return transactions.execute(tx -> {
            Subscription before = subscriptions.get(id);
            BillingPeriod ended = before.currentPeriod();
            RenewalOutcome outcome = subscriptions.renew(id, ended.end());
            List<InvoiceLine> lines = new ArrayList<>();
            String sourceKey;
            switch (outcome.kind()) {
                case RENEWED -> {
                    lines.addAll(InvoiceIssuer.fromCharges(before.product(), outcome.lines()));
                    lines.addAll(usageUpTo(before, ended.end(), outcome.subscription()));
                    sourceKey = "renewal:" + id + ":" + outcome.newPeriod().start();
                }
                case CANCELED -> {
                    lines.addAll(usageUpTo(before, ended.end(), null));
                    sourceKey = "final:" + id;
                }
                default -> {
                    return new Outcome(outcome.kind(), null);
                }
            }
            if (lines.isEmpty()) {
                return new Outcome(outcome.kind(), null);
            }
            Invoice invoice = issuer.issue(new InvoiceIssuer.Draft(before.accountId(), id.toString(), before.price().currencyCode(), lines,
                    outcome.newPeriod() == null ? ended.start() : outcome.newPeriod().start(),
                    outcome.newPeriod() == null ? ended.end() : outcome.newPeriod().end(), sourceKey, null));
            return new Outcome(outcome.kind(), invoice);
        });
    }

    /** Bills the usage of one ended month of a subscription (months inside annual periods), under the usage row lock. */
    Invoice closeUsage(String subscriptionId, Instant asOf) {
        return transactions.execute(tx -> {
            Subscription subscription = subscriptions.get(SubscriptionId.of(subscriptionId));
            Instant from = usage.lockBilledUntil(subscriptionId).orElse(null);
            if (from == null) {
                return null;
            }
            if (!subscription.status().isLive()) {
                usage.billedUntil(subscriptionId, from, null);
                return null;
            }
            BillingPeriod month = BillingPeriods.month(subscription.anchor(), subscription.timeZone(),
                    BillingPeriods.monthIndexAt(subscription.anchor(), subscription.timeZone(), from));
            if (month.end().isAfter(asOf) || !month.end().isBefore(subscription.currentPeriod().end())) {
                // Not ended yet, or it ends with the period: the renewal invoice bills it.
                usage.billedUntil(subscriptionId, from, month.end().isAfter(asOf) ? month.end() : subscription.currentPeriod().end());
                return null;
            }
            List<InvoiceLine> lines = rating.lines(subscription, from, month.end());
            Instant next = BillingPeriods.month(subscription.anchor(), subscription.timeZone(),
                    BillingPeriods.monthIndexAt(subscription.anchor(), subscription.timeZone(), month.end())).end();
            usage.billedUntil(subscriptionId, month.end(), next);
            if (lines.isEmpty()) {
                return null;
            }
            return issuer.issue(new InvoiceIssuer.Draft(subscription.accountId(), subscriptionId, subscription.price().currencyCode(),
                    lines, from, month.end(), "usage:" + subscriptionId + ":" + from, null));
        });
    }

    private List<InvoiceLine> usageUpTo(Subscription subscription, Instant to, Subscription renewed) {
        Instant from = usage.lockBilledUntil(subscription.id().toString()).orElse(null);
        if (from == null || !from.isBefore(to)) {
            return List.of();
        }
        List<InvoiceLine> lines = rating.lines(subscription, from, to);
        Instant next = renewed == null ? null
                : BillingPeriods.month(renewed.anchor(), renewed.timeZone(),
                        BillingPeriods.monthIndexAt(renewed.anchor(), renewed.timeZone(), to)).end();
        usage.billedUntil(subscription.id().toString(), to, next);
        return lines;
    }

    private static void count(Collector.Result result, AtomicLong paid, AtomicLong failed) {
        if (result == Collector.Result.PAID) {
            paid.incrementAndGet();
        } else if (result == Collector.Result.FAILED) {
            failed.incrementAndGet();
        }
    }

}
