package com.abacus.invoicing.internal;

import com.abacus.invoicing.Invoice;
import com.abacus.invoicing.InvoiceLine;
import com.abacus.subscriptions.BillingPeriod;
import com.abacus.subscriptions.BillingPeriods;
import com.abacus.subscriptions.DueRenewals;
import com.abacus.subscriptions.Subscription;
import com.abacus.subscriptions.SubscriptionId;
import com.abacus.subscriptions.Subscriptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Usage on invoices, billed monthly in arrears: on a renewal invoice for the month that ended with the period, or on
 * a usage invoice of its own for the months inside an annual period. Each month is billed once: the usage row of the
 * subscription records how far it was billed, under its lock.
 */
@Component
class UsageBilling {

    private final Subscriptions subscriptions;
    private final InvoiceIssuer issuer;
    private final UsageRating rating;
    private final UsageRepository usage;
    private final TransactionTemplate transactions;

    UsageBilling(
            Subscriptions subscriptions,
            InvoiceIssuer issuer,
            UsageRating rating,
            UsageRepository usage,
            TransactionTemplate transactions) {
        this.subscriptions = subscriptions;
        this.issuer = issuer;
        this.rating = rating;
        this.usage = usage;
        this.transactions = transactions;
    }

    List<String> dueForClose(Instant asOf, int limit) {
        return usage.dueForClose(asOf, limit);
    }

    /** The invoice of each plain renewal: the new period's charges and the usage of the period that ended. */
    List<InvoiceIssuer.Draft> drafts(List<DueRenewals.Renewal> renewals) {
        Map<String, Instant> billedUntil = usage.lockBilledUntil(
                renewals.stream().map(r -> r.after().id().toString()).toList());
        List<UsageRepository.Window> windows = new ArrayList<>();
        for (DueRenewals.Renewal renewal : renewals) {
            String id = renewal.after().id().toString();
            Instant from = billedUntil.get(id);
            if (from != null) {
                windows.addAll(rating.windows(
                        id,
                        renewal.before(),
                        from,
                        renewal.before().currentPeriod().end()));
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
            List<InvoiceLine> lines = new ArrayList<>(InvoiceDrafting.fromCharges(before.product(), renewal.lines()));
            Instant from = billedUntil.get(id);
            if (from != null && from.isBefore(to)) {
                lines.addAll(rating.lines(before, from, to, metric -> totals.getOrDefault(id + "/" + metric, 0L)));
                billed.add(new UsageRepository.BilledUntil(
                        id,
                        to,
                        BillingPeriods.month(
                                        after.anchor(),
                                        after.timeZone(),
                                        BillingPeriods.monthIndexAt(after.anchor(), after.timeZone(), to))
                                .end()));
            }
            drafts.add(new InvoiceIssuer.Draft(
                    before.accountId(),
                    id,
                    before.price().currencyCode(),
                    lines,
                    after.currentPeriod().start(),
                    after.currentPeriod().end(),
                    "renewal:" + id + ":" + after.currentPeriod().start(),
                    null));
        }
        usage.billedUntilAll(billed);
        return drafts;
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
            BillingPeriod month = BillingPeriods.month(
                    subscription.anchor(),
                    subscription.timeZone(),
                    BillingPeriods.monthIndexAt(subscription.anchor(), subscription.timeZone(), from));
            if (month.end().isAfter(asOf)
                    || !month.end().isBefore(subscription.currentPeriod().end())) {
                // Not ended yet, or it ends with the period: the renewal invoice bills it.
                usage.billedUntil(
                        subscriptionId,
                        from,
                        month.end().isAfter(asOf)
                                ? month.end()
                                : subscription.currentPeriod().end());
                return null;
            }
            List<InvoiceLine> lines = rating.lines(subscription, from, month.end());
            Instant next = BillingPeriods.month(
                            subscription.anchor(),
                            subscription.timeZone(),
                            BillingPeriods.monthIndexAt(subscription.anchor(), subscription.timeZone(), month.end()))
                    .end();
            usage.billedUntil(subscriptionId, month.end(), next);
            if (lines.isEmpty()) {
                return null;
            }
            return issuer.issue(new InvoiceIssuer.Draft(
                    subscription.accountId(),
                    subscriptionId,
                    subscription.price().currencyCode(),
                    lines,
                    from,
                    month.end(),
                    "usage:" + subscriptionId + ":" + from,
                    null));
        });
    }

    List<InvoiceLine> usageUpTo(Subscription subscription, Instant to, Subscription renewed) {
        Instant from = usage.lockBilledUntil(subscription.id().toString()).orElse(null);
        if (from == null || !from.isBefore(to)) {
            return List.of();
        }
        List<InvoiceLine> lines = rating.lines(subscription, from, to);
        Instant next = renewed == null
                ? null
                : BillingPeriods.month(
                                renewed.anchor(),
                                renewed.timeZone(),
                                BillingPeriods.monthIndexAt(renewed.anchor(), renewed.timeZone(), to))
                        .end();
        usage.billedUntil(subscription.id().toString(), to, next);
        return lines;
    }
}
