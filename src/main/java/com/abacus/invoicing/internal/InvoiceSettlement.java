package com.abacus.invoicing.internal;

import com.abacus.invoicing.Invoice;
import com.abacus.invoicing.InvoiceId;
import com.abacus.invoicing.InvoicePaid;
import com.abacus.invoicing.InvoicesPaid;
import com.abacus.subscriptions.SubscriptionId;
import com.abacus.subscriptions.SubscriptionLifecycle;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Marks invoices paid by their payments, one or a batch, with their events; a paid past-due subscription is active again. */
@Component
public class InvoiceSettlement {

    private final InvoiceRepository invoices;
    private final SubscriptionLifecycle lifecycle;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    InvoiceSettlement(
            InvoiceRepository invoices,
            SubscriptionLifecycle lifecycle,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock) {
        this.invoices = invoices;
        this.lifecycle = lifecycle;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    public void paid(InvoiceId id, String paymentId) {
        transactions.executeWithoutResult(tx -> {
            Invoice invoice = invoices.find(id).orElseThrow();
            if (!invoices.markPaid(id, paymentId, clock.instant())) {
                return;
            }
            events.publishEvent(new InvoicePaid(
                    id,
                    invoice.number(),
                    invoice.accountId(),
                    paymentId,
                    invoice.total().minor(),
                    invoice.total().currencyCode(),
                    clock.instant(),
                    false));
            if (invoice.subscriptionId() != null) {
                // A past-due subscription is active again; any other is left as it is.
                lifecycle.reactivate(SubscriptionId.of(invoice.subscriptionId()));
            }
        });
    }

    /**
     * Marks a batch of just-issued invoices paid, by the payment of each, in one transaction with one {@link InvoicesPaid}
     * event (their subscriptions were active: nothing to reactivate).
     *
     * @return the invoices this call marked
     */
    public Set<InvoiceId> paidAll(List<Invoice> issued, Map<InvoiceId, String> paymentIds) {
        Map<InvoiceId, Invoice> byId = new java.util.HashMap<>();
        issued.forEach(invoice -> byId.put(invoice.id(), invoice));
        Set<InvoiceId> marked = new java.util.HashSet<>();
        transactions.executeWithoutResult(tx -> {
            Instant now = clock.instant();
            List<InvoicePaid> paid = new ArrayList<>();
            for (InvoiceId id : invoices.markAllPaid(paymentIds, now)) {
                Invoice invoice = byId.get(id);
                paid.add(new InvoicePaid(
                        id,
                        invoice.number(),
                        invoice.accountId(),
                        paymentIds.get(id),
                        invoice.total().minor(),
                        invoice.total().currencyCode(),
                        now,
                        false));
                marked.add(id);
            }
            if (!paid.isEmpty()) {
                events.publishEvent(new InvoicesPaid(paid));
            }
        });
        return marked;
    }
}
