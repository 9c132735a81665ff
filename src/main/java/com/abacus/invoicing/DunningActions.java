package com.abacus.invoicing;

import com.abacus.invoicing.internal.Collection;
import com.abacus.invoicing.internal.CollectionQueue;
import com.abacus.shared.DomainException;
import com.abacus.shared.InvalidInputException;
import com.abacus.subscriptions.SubscriptionId;
import com.abacus.subscriptions.SubscriptionLifecycle;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What staff do with an invoice in dunning, each ending somewhere: retry now (a charge attempt, settled like any
 * other), pause dunning (the next attempt moves to a date at most 30 days away, so the invoice is never left without
 * one), write off (the debt is forgiven: the invoice becomes uncollectible, revenue reverses it, and a subscription
 * that was past due for it is active again). The console audits who did it and why.
 */
@Service
public class DunningActions {

    static final int MAX_PAUSE_DAYS = 30;

    private final Invoicing invoicing;
    private final Collection collection;
    private final CollectionQueue queue;
    private final SubscriptionLifecycle lifecycle;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    DunningActions(
            Invoicing invoicing,
            Collection collection,
            CollectionQueue queue,
            SubscriptionLifecycle lifecycle,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock) {
        this.invoicing = invoicing;
        this.collection = collection;
        this.queue = queue;
        this.lifecycle = lifecycle;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Charges the invoice now, with its next attempt number; the verdict moves it on as a scheduled retry's would. */
    public Invoice retryNow(InvoiceId id) {
        inDunning(id);
        collection.retryNow(id);
        return invoicing.invoice(id);
    }

    public Invoice pause(InvoiceId id, int days) {
        if (days < 1 || days > MAX_PAUSE_DAYS) {
            throw new InvalidInputException("days", "must be 1 to " + MAX_PAUSE_DAYS);
        }
        inDunning(id);
        queue.retryAt(id, clock.instant().plus(Duration.ofDays(days)));
        return invoicing.invoice(id);
    }

    public Invoice writeOff(InvoiceId id) {
        Invoice invoice = inDunning(id);
        transactions.executeWithoutResult(tx -> {
            if (!queue.writeOff(id, InvoiceStatus.UNCOLLECTIBLE)) {
                throw notInDunning(invoice);
            }
            events.publishEvent(InvoiceWrittenOff.of(invoice, InvoiceStatus.UNCOLLECTIBLE, clock.instant()));
            if (invoice.subscriptionId() != null) {
                lifecycle.reactivate(SubscriptionId.of(invoice.subscriptionId()));
            }
        });
        return invoicing.invoice(id);
    }

    private Invoice inDunning(InvoiceId id) {
        Invoice invoice = invoicing.invoice(id);
        if (invoice.status() != InvoiceStatus.FINALIZED || invoice.attempts() == 0) {
            throw notInDunning(invoice);
        }
        return invoice;
    }

    private static DomainException notInDunning(Invoice invoice) {
        return new DomainException(
                DomainException.Kind.CONFLICT,
                "invoice-not-in-dunning",
                "Invoice " + invoice.number() + " is not in dunning (it is "
                        + invoice.status().name().toLowerCase(java.util.Locale.ROOT) + ")");
    }
}
