package com.abacus.invoicing.internal;

import com.abacus.invoicing.Invoice;
import com.abacus.invoicing.InvoiceId;
import com.abacus.invoicing.InvoiceStatus;
import com.abacus.invoicing.InvoiceWrittenOff;
import com.abacus.payments.Charges;
import com.abacus.payments.Payment;
import com.abacus.subscriptions.SubscriptionId;
import com.abacus.subscriptions.SubscriptionLifecycle;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Dunning: a declined charge marks the subscription past due and is retried at the configured offsets from the
 * invoice date (default 1, 3 and 7 days); when the last retry fails, the subscription is canceled for non-payment and
 * the invoice written off.
 */
@Component
public class Dunning {

    private static final Logger log = LoggerFactory.getLogger(Dunning.class);

    private final CollectionQueue collectionQueue;
    private final Charges charges;
    private final SubscriptionLifecycle lifecycle;
    private final InvoicingSettings settings;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Dunning(
            CollectionQueue collectionQueue,
            Charges charges,
            SubscriptionLifecycle lifecycle,
            InvoicingSettings settings,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock) {
        this.collectionQueue = collectionQueue;
        this.charges = charges;
        this.lifecycle = lifecycle;
        this.settings = settings;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** What dunning decided for a failed attempt. */
    public enum Step {
        /** The next attempt is scheduled for later; the subscription is past due. */
        RETRY_AT,
        /** The next attempt is due already (its date passed while the failure went unhandled). */
        RETRY_NOW,
        /** That was the last attempt: the invoice is written off and the subscription canceled. */
        WRITTEN_OFF
    }

    /**
     * Dunning for a failed attempt, decided from the attempt number and the invoice date alone, so it may be run again
     * for the same attempt (after a crash, or by a late verdict) and decides the same.
     */
    public Step failed(Invoice invoice, int attempt, String code) {
        // Attempts that never reached the processor (the instance died before sending them) are no declines: they do
        // not use up a retry, so the customer gets every retry of the schedule.
        int step = attempt - neverSentBefore(invoice.id(), attempt);
        return transactions.execute(tx -> {
            Instant issued = invoice.issuedAt();
            boolean exhausted = step > settings.dunningRetries().size();
            if (invoice.subscriptionId() != null) {
                lifecycle.markPastDue(SubscriptionId.of(invoice.subscriptionId()));
            }
            if (!exhausted) {
                Instant next = issued.plus(settings.dunningRetries().get(step - 1));
                Instant now = clock.instant();
                collectionQueue.retryAt(invoice.id(), next.isBefore(now) ? now : next);
                log.info(
                        "Invoice {} charge attempt {} failed ({}); retry at {}", invoice.number(), attempt, code, next);
                return next.isAfter(now) ? Step.RETRY_AT : Step.RETRY_NOW;
            }
            if (collectionQueue.writeOff(invoice.id(), InvoiceStatus.UNCOLLECTIBLE)) {
                events.publishEvent(InvoiceWrittenOff.of(invoice, InvoiceStatus.UNCOLLECTIBLE, clock.instant()));
                if (invoice.subscriptionId() != null) {
                    lifecycle.cancelNow(SubscriptionId.of(invoice.subscriptionId()), "NON_PAYMENT");
                }
                log.warn(
                        "Invoice {} uncollectible after {} attempts; subscription canceled for non-payment",
                        invoice.number(),
                        attempt);
            }
            return Step.WRITTEN_OFF;
        });
    }

    private int neverSentBefore(InvoiceId id, int attempt) {
        int neverSent = 0;
        for (int earlier = 1; earlier < attempt; earlier++) {
            if (charges.paymentByKey(Collection.key(id, earlier))
                    .map(Payment::neverReachedProcessor)
                    .orElse(false)) {
                neverSent++;
            }
        }
        return neverSent;
    }
}
