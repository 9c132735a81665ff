package com.abacus.invoicing.internal;

import com.abacus.accounts.PersonalDataErased;
import com.abacus.catalog.Catalog;
import com.abacus.catalog.UsageCharge;
import com.abacus.invoicing.CreditNote;
import com.abacus.invoicing.CreditNoteIssued;
import com.abacus.invoicing.Invoice;
import com.abacus.invoicing.InvoiceId;
import com.abacus.invoicing.InvoiceStatus;
import com.abacus.payments.PaymentFailed;
import com.abacus.payments.PaymentSucceeded;
import com.abacus.payments.RefundIssued;
import com.abacus.shared.Money;
import com.abacus.subscriptions.BillingPeriods;
import com.abacus.subscriptions.SubscriptionActivated;
import com.abacus.subscriptions.SubscriptionPlanChanged;
import com.abacus.subscriptions.Subscriptions;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * What invoicing does when other modules report: a paid start or change gets its (paid) invoice, a refund its credit
 * note, a late payment verdict settles its invoice, an erased customer's name leaves the invoices. Every handler is
 * idempotent, because events are redelivered after a crash.
 */
@Component
class InvoicingEvents {

    private static final Logger log = LoggerFactory.getLogger(InvoicingEvents.class);

    private final InvoiceIssuer issuer;
    private final InvoiceRepository invoices;
    private final UsageRepository usage;
    private final Collector collector;
    private final Subscriptions subscriptions;
    private final Catalog catalog;
    private final InvoicingSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    InvoicingEvents(InvoiceIssuer issuer, InvoiceRepository invoices, UsageRepository usage, Collector collector,
            Subscriptions subscriptions, Catalog catalog, InvoicingSettings settings, ApplicationEventPublisher events, Clock clock) {
        this.issuer = issuer;
        this.invoices = invoices;
        this.usage = usage;
        this.collector = collector;
        this.subscriptions = subscriptions;
        this.catalog = catalog;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(SubscriptionActivated event) {
        var metrics = catalog.version(event.catalogVersion()).usageChargesFor(event.planCode()).stream().map(UsageCharge::metric).toList();
        usage.start(event.subscriptionId().toString(), event.accountId(), metrics, event.periodStart(),
                BillingPeriods.month(event.anchor(), event.timeZone(), 0).end());
        if (event.trialing() || event.lines().isEmpty()) {
            return;
        }
        issuer.issue(new InvoiceIssuer.Draft(event.accountId(), event.subscriptionId().toString(), event.currency(),
                InvoiceIssuer.fromCharges(event.product(), event.lines()), event.periodStart(), event.periodEnd(),
                "start:" + event.subscriptionId(), event.paymentId()));
    }

    @ApplicationModuleListener
    void on(SubscriptionPlanChanged event) {
        if (event.lines().isEmpty()) {
            return;
        }
        Money total = event.lines().stream().map(l -> l.amount()).reduce(Money.zero(Money.currency(event.currency())), Money::plus);
        if (total.isNegative()) {
            log.info("Plan change of {} nets a credit of {}; no invoice (credit balances are not carried)", event.subscriptionId(), total);
            return;
        }
        var subscription = subscriptions.get(event.subscriptionId());
        issuer.issue(new InvoiceIssuer.Draft(event.accountId(), event.subscriptionId().toString(), event.currency(),
                InvoiceIssuer.fromCharges(subscription.product(), event.lines()), event.lines().get(0).serviceStart(),
                event.lines().get(event.lines().size() - 1).serviceEnd(), "change:" + event.subscriptionId() + ":" + event.at().toEpochMilli(),
                event.paymentId()));
    }

    /** A refund gets a credit note on the invoice the refunded payment paid, numbered in the CN series. */
    @ApplicationModuleListener
    void on(RefundIssued event) {
        if (invoices.creditNoteExistsForRefund(event.refundId().toString())) {
            return;
        }
        Optional<Invoice> invoice = invoices.findByPayment(event.paymentId().toString());
        if (invoice.isEmpty()) {
            log.info("Refund {} is for payment {} that paid no invoice; no credit note", event.refundId(), event.paymentId());
            return;
        }
        Invoice paid = invoice.get();
        if (!invoices.credit(paid.id(), event.amountMinor())) {
            log.error("Refund {} would credit invoice {} beyond its total; no credit note issued", event.refundId(), paid.number());
            return;
        }
        var now = clock.instant();
        int year = now.atZone(settings.numberingZone()).getYear();
        String number = "CN-%d-%06d".formatted(year, invoices.nextNumber("CN", year));
        CreditNote note = new CreditNote(UUID.randomUUID(), number, paid.id(), paid.number(), paid.accountId(),
                Money.ofMinor(event.amountMinor(), event.currency()), event.reason(), event.refundId().toString(), now);
        invoices.insertCreditNote(note);
        events.publishEvent(new CreditNoteIssued(note.id(), number, paid.id(), paid.number(), paid.accountId(), event.currency(),
                event.amountMinor(), paid.total().minor(), event.reason(), true, now));
    }

    /** Only payments of invoices concern invoicing (the condition keeps other payments from being recorded for it). */
    @ApplicationModuleListener(condition = "#event.reference() != null and #event.reference().startsWith('invoice:') and !#event.settledByCharge()")
    void on(PaymentSucceeded event) {
        invoiceOf(event.reference()).filter(i -> i.status() == InvoiceStatus.FINALIZED || i.status() == InvoiceStatus.UNCOLLECTIBLE)
                .ifPresent(invoice -> collector.paid(invoice.id(), event.paymentId().toString()));
    }

    /**
     * A charge of an invoice failed after its charging call had returned (the reconciler found it never reached the
     * processor, or a webhook reported the decline): dunning takes it from there, as if the call had seen it.
     */
    @ApplicationModuleListener(condition = "#event.reference() != null and #event.reference().startsWith('invoice:') and !#event.settledByCharge()")
    void on(PaymentFailed event) {
        invoiceOf(event.reference()).ifPresent(invoice -> collector.lateVerdict(invoice.id(), event.paymentId()));
    }

    @ApplicationModuleListener
    void on(PersonalDataErased event) {
        String pseudonym = "erased-" + event.accountId().toString().substring(0, 8);
        invoices.pseudonymise(event.accountId(), pseudonym, pseudonym + "@erased.invalid");
    }

    private Optional<Invoice> invoiceOf(String reference) {
        if (reference == null || !reference.startsWith("invoice:")) {
            return Optional.empty();
        }
        return invoices.find(InvoiceId.of(reference.substring("invoice:".length())));
    }

}
