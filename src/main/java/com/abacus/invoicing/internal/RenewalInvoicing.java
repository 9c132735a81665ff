package com.abacus.invoicing.internal;

import com.abacus.invoicing.Invoice;
import com.abacus.invoicing.InvoiceLine;
import com.abacus.invoicing.InvoiceStatus;
import com.abacus.subscriptions.BillingPeriod;
import com.abacus.subscriptions.DueRenewals;
import com.abacus.subscriptions.RenewalOutcome;
import com.abacus.subscriptions.Renewals;
import com.abacus.subscriptions.Subscription;
import com.abacus.subscriptions.SubscriptionId;
import com.abacus.subscriptions.Subscriptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Renewing due subscriptions with their invoices, in batches (plain renewals, numbered and charged together) or one by
 * one (trials, scheduled changes and cancellations, and every subscription of a batch whose transaction failed).
 * Work per subscription is idempotent (the renewal checks the period it expects; the invoice has a source key; the
 * charge has an attempt key).
 */
@Component
public class RenewalInvoicing {

    private static final Logger log = LoggerFactory.getLogger(RenewalInvoicing.class);

    private final Subscriptions subscriptions;
    private final Renewals renewals;
    private final InvoiceIssuer issuer;
    private final UsageBilling usageBilling;
    private final Collection collection;
    private final InvoicingSettings settings;
    private final TransactionTemplate transactions;

    RenewalInvoicing(
            Subscriptions subscriptions,
            Renewals renewals,
            InvoiceIssuer issuer,
            UsageBilling usageBilling,
            Collection collection,
            InvoicingSettings settings,
            TransactionTemplate transactions) {
        this.subscriptions = subscriptions;
        this.renewals = renewals;
        this.issuer = issuer;
        this.usageBilling = usageBilling;
        this.collection = collection;
        this.settings = settings;
        this.transactions = transactions;
    }

    public record Outcome(
            RenewalOutcome.Kind kind, @Nullable Invoice invoice) {}

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
                DueRenewals due = renewals.renewDue(asOf, skipped, settings.runBatchSize());
                due.renewed().forEach(r -> taken.add(r.after().id()));
                oneByOne.addAll(due.oneByOne());
                // Claimed while still locked, so another worker does not renew them beside this one.
                skipped.addAll(due.oneByOne());
                return issuer.issueAll(usageBilling.drafts(due.renewed()));
            });
        } catch (RuntimeException e) {
            if (taken.isEmpty() && oneByOne.isEmpty()) {
                throw e;
            }
            log.warn(
                    "Invoice run batch of {} subscriptions failed ({}); renewing them one by one",
                    taken.size(),
                    e.toString());
            oneByOne.addAll(taken);
            issued = List.of();
        }
        if (issued.isEmpty() && oneByOne.isEmpty()) {
            return false;
        }
        counts.renewed().addAndGet(issued.size());
        counts.invoiced().addAndGet(issued.size());
        if (!issued.isEmpty()) {
            collection.collectAll(issued).values().forEach(result -> count(result, counts.paid(), counts.failed()));
        }
        skipped.addAll(oneByOne);
        for (SubscriptionId id : oneByOne) {
            renewOne(id, skipped, counts);
        }
        return true;
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
                count(
                        outcome.invoice().status() == InvoiceStatus.PAID
                                ? Collection.Result.PAID
                                : collection.collect(outcome.invoice().id()),
                        counts.paid(),
                        counts.failed());
            }
        } catch (RuntimeException e) {
            counts.failed().incrementAndGet();
            log.error("Renewal of subscription {} failed; it will be retried by the next run", id, e);
        }
    }

    /** Renewal and its invoice commit together: there is never a renewed period without its invoice. */
    public Outcome renew(SubscriptionId id) {
        return transactions.execute(tx -> {
            Subscription before = subscriptions.get(id);
            BillingPeriod ended = before.currentPeriod();
            RenewalOutcome outcome = renewals.renew(id, ended.end());
            List<InvoiceLine> lines = new ArrayList<>();
            String sourceKey;
            switch (outcome.kind()) {
                case RENEWED -> {
                    lines.addAll(InvoiceDrafting.fromCharges(before.product(), outcome.lines()));
                    lines.addAll(usageBilling.usageUpTo(before, ended.end(), outcome.subscription()));
                    sourceKey = "renewal:" + id + ":" + outcome.newPeriod().start();
                }
                case CANCELED -> {
                    lines.addAll(usageBilling.usageUpTo(before, ended.end(), null));
                    sourceKey = "final:" + id;
                }
                default -> {
                    return new Outcome(outcome.kind(), null);
                }
            }
            if (lines.isEmpty()) {
                return new Outcome(outcome.kind(), null);
            }
            Invoice invoice = issuer.issue(new InvoiceIssuer.Draft(
                    before.accountId(),
                    id.toString(),
                    before.price().currencyCode(),
                    lines,
                    outcome.newPeriod() == null
                            ? ended.start()
                            : outcome.newPeriod().start(),
                    outcome.newPeriod() == null
                            ? ended.end()
                            : outcome.newPeriod().end(),
                    sourceKey,
                    null));
            return new Outcome(outcome.kind(), invoice);
        });
    }

    static void count(Collection.Result result, AtomicLong paid, AtomicLong failed) {
        if (result == Collection.Result.PAID) {
            paid.incrementAndGet();
        } else if (result == Collection.Result.FAILED) {
            failed.incrementAndGet();
        }
    }
}
