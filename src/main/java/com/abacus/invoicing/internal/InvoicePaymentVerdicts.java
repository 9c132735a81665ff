package com.abacus.invoicing.internal;

import com.abacus.invoicing.Invoice;
import com.abacus.invoicing.InvoiceId;
import com.abacus.invoicing.InvoiceStatus;
import com.abacus.payments.PaymentFailed;
import com.abacus.payments.PaymentSucceeded;
import java.util.Optional;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Verdicts on invoices' charges that came after the charging call (reconciler, webhooks): paid, or on to dunning. */
@Component
class InvoicePaymentVerdicts {

    private final InvoiceRepository invoices;
    private final LateCollectionVerdicts lateVerdicts;
    private final InvoiceSettlement settlement;
    private final CollectionQueue collectionQueue;

    InvoicePaymentVerdicts(
            InvoiceRepository invoices,
            LateCollectionVerdicts lateVerdicts,
            InvoiceSettlement settlement,
            CollectionQueue collectionQueue) {
        this.invoices = invoices;
        this.collectionQueue = collectionQueue;
        this.lateVerdicts = lateVerdicts;
        this.settlement = settlement;
    }

    /** Only payments of invoices concern invoicing (the condition keeps other payments from being recorded for it). */
    @ApplicationModuleListener(condition = "#event.invoiceId().isPresent() and !#event.settledByCharge()")
    void on(PaymentSucceeded event) {
        invoiceOf(event)
                .filter(i -> i.status() == InvoiceStatus.FINALIZED || i.status() == InvoiceStatus.UNCOLLECTIBLE)
                .ifPresent(invoice ->
                        settlement.paid(invoice.id(), event.paymentId().toString()));
    }

    /**
     * A charge of an invoice failed after its charging call had returned (the reconciler found it never reached the
     * processor, or a webhook reported the decline): dunning takes it from there, as if the call had seen it.
     */
    @ApplicationModuleListener(condition = "#event.invoiceId().isPresent() and !#event.settledByCharge()")
    void on(PaymentFailed event) {
        invoiceOf(event).ifPresent(invoice -> lateVerdicts.lateVerdict(invoice.id(), event.paymentId()));
    }

    /**
     * A checkout's debit settled days after the order completed: its invoice, open and "payment pending" until now, is
     * paid. (A checkout charge that succeeded at once was invoiced as paid; no open invoice has it.)
     */
    @ApplicationModuleListener(condition = "#event.orderId().isPresent() and !#event.settledByCharge()")
    void onOrderPayment(PaymentSucceeded event) {
        collectionQueue.lockAwaitedPayment(event.paymentId().toString());
        invoices.findAwaiting(event.paymentId().toString())
                .ifPresent(invoice ->
                        settlement.paid(invoice.id(), event.paymentId().toString()));
    }

    /**
     * A checkout's debit failed after the order completed (insufficient funds, mandate revoked): the invoice is unpaid,
     * the subscription past due, and dunning takes it from the first attempt, as for a renewal.
     */
    @ApplicationModuleListener(condition = "#event.orderId().isPresent()")
    void onOrderPayment(PaymentFailed event) {
        collectionQueue.lockAwaitedPayment(event.paymentId().toString());
        invoices.findAwaiting(event.paymentId().toString())
                .ifPresent(invoice -> lateVerdicts.lateVerdict(invoice.id(), event.paymentId()));
    }

    private Optional<Invoice> invoiceOf(com.abacus.payments.PaymentSucceeded event) {
        return event.invoiceId().flatMap(id -> invoices.find(new InvoiceId(id)));
    }

    private Optional<Invoice> invoiceOf(com.abacus.payments.PaymentFailed event) {
        return event.invoiceId().flatMap(id -> invoices.find(new InvoiceId(id)));
    }
}
