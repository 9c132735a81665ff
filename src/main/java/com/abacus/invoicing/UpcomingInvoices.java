package com.abacus.invoicing;

import com.abacus.accounts.TestClocks;
import com.abacus.invoicing.internal.RenewalInvoicing;
import com.abacus.shared.SimulatedTime;
import com.abacus.subscriptions.Subscription;
import com.abacus.subscriptions.SubscriptionId;
import com.abacus.subscriptions.Subscriptions;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The next invoice of a subscription, exactly as the invoice run would issue it: the run's own renewal and drafting
 * code runs at the period end (trial end for a trial) in a transaction that is rolled back, so the preview cannot
 * differ from the invoice (plan lines, a scheduled change or cancellation applied, the usage recorded so far rated
 * with its tiers and caps). Nothing of it is kept: no number is taken, no event leaves, no row changes.
 */
@Service
public class UpcomingInvoices {

    private final Subscriptions subscriptions;
    private final RenewalInvoicing renewalInvoicing;
    private final TestClocks testClocks;
    private final TransactionTemplate transactions;

    UpcomingInvoices(
            Subscriptions subscriptions,
            RenewalInvoicing renewalInvoicing,
            TestClocks testClocks,
            TransactionTemplate transactions) {
        this.subscriptions = subscriptions;
        this.renewalInvoicing = renewalInvoicing;
        this.testClocks = testClocks;
        this.transactions = transactions;
    }

    /**
     * The upcoming invoice, without a number (it is taken at issue); empty when the subscription has ended or its
     * period end issues nothing (a cancellation with no usage to bill).
     */
    public Optional<Invoice> upcoming(SubscriptionId id) {
        Subscription subscription = subscriptions.get(id);
        if (!subscription.status().isLive()) {
            return Optional.empty();
        }
        SimulatedTime.Frame periodEnd = new SimulatedTime.Frame(
                testClocks.clockOf(subscription.accountId()).orElse(null),
                subscription.currentPeriod().end());
        Invoice drafted = transactions.execute(tx -> {
            tx.setRollbackOnly();
            return SimulatedTime.at(periodEnd, () -> renewalInvoicing.renew(id).invoice());
        });
        return Optional.ofNullable(drafted).map(UpcomingInvoices::unnumbered);
    }

    /** What an upcoming invoice's usage lines say: the period's usage so far, per metric, rated. */
    public List<InvoiceLine> usageSoFar(SubscriptionId id) {
        return upcoming(id)
                .map(i -> i.lines().stream()
                        .filter(l -> l.kind() == InvoiceLine.Kind.USAGE)
                        .toList())
                .orElse(List.of());
    }

    private static Invoice unnumbered(Invoice drafted) {
        return new Invoice(
                drafted.id(),
                null,
                drafted.accountId(),
                drafted.subscriptionId(),
                drafted.billedToName(),
                drafted.billedToEmail(),
                InvoiceStatus.DRAFT,
                drafted.total(),
                drafted.creditedAmount(),
                drafted.lines(),
                drafted.periodStart(),
                drafted.periodEnd(),
                null,
                0,
                null,
                drafted.issuedAt(),
                null,
                false,
                drafted.billedToAddress(),
                drafted.billedToTaxId(),
                drafted.taxNote());
    }
}
