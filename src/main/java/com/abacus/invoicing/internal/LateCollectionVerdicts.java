package com.abacus.invoicing.internal;

import com.abacus.invoicing.Invoice;
import com.abacus.invoicing.InvoiceId;
import com.abacus.invoicing.InvoiceStatus;
import com.abacus.payments.Charges;
import com.abacus.payments.Payment;
import com.abacus.payments.PaymentId;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Verdicts on invoices' charges that come after the charging call: from the reconciler or a webhook, and for a payment
 * made before its invoice was issued (checkout's SEPA debit), which is the invoice's first attempt. Each is acted on
 * through {@link Collection}'s one rule for a verdict.
 */
@Component
public class LateCollectionVerdicts {

    private final InvoiceRepository invoices;
    private final CollectionQueue collectionQueue;
    private final Collection collection;
    private final Charges charges;
    private final InvoicingSettings settings;
    private final Clock clock;

    LateCollectionVerdicts(
            InvoiceRepository invoices,
            CollectionQueue collectionQueue,
            Collection collection,
            Charges charges,
            InvoicingSettings settings,
            Clock clock) {
        this.invoices = invoices;
        this.collectionQueue = collectionQueue;
        this.collection = collection;
        this.charges = charges;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * A verdict on one of an invoice's charges that came after the charging call (reconciler, processor webhook): acted
     * on as the collecting call would have, if the payment is the invoice's current attempt.
     */
    public void lateVerdict(InvoiceId id, PaymentId paymentId) {
        Invoice invoice = invoices.find(id).orElse(null);
        if (invoice == null || invoice.status() != InvoiceStatus.FINALIZED || invoice.attempts() == 0) {
            return;
        }
        collection
                .attemptPayment(invoice, invoice.attempts())
                .filter(payment -> payment.id().equals(paymentId))
                .ifPresent(payment -> {
                    if (payment.neverReachedProcessor()) {
                        // Never sent: the next invoice run makes the next attempt.
                        collectionQueue.retryAt(id, clock.instant());
                    } else {
                        collection.settled(invoice, invoice.attempts(), payment);
                    }
                });
    }

    /**
     * Issued for a payment made before the invoice (checkout's, a plan change's) that has not settled: the invoice is
     * open with that payment as its first attempt; a verdict that came already is acted on now.
     */
    public void awaitPayment(Invoice invoice, PaymentId paymentId) {
        collectionQueue.lockAwaitedPayment(paymentId.toString());
        Payment payment = charges.payment(paymentId);
        Instant lookAgain = payment.settlesAt() != null && payment.settlesAt().isAfter(collection.inFlightUntil())
                ? payment.settlesAt().plus(settings.collectionGrace())
                : collection.inFlightUntil();
        collectionQueue.awaitPayment(invoice.id(), paymentId.toString(), lookAgain);
        if (payment.status().isSettled()) {
            collection.settled(invoices.find(invoice.id()).orElseThrow(), 1, payment);
        }
    }
}
