package com.abacus.invoicing.internal;

import com.abacus.accounts.PersonalDataErased;
import com.abacus.catalog.Catalog;
import com.abacus.catalog.UsageCharge;
import com.abacus.invoicing.Invoice;
import com.abacus.invoicing.InvoiceStatus;
import com.abacus.payments.Charges;
import com.abacus.payments.PaymentId;
import com.abacus.payments.PaymentStatus;
import com.abacus.shared.Money;
import com.abacus.subscriptions.BillingPeriods;
import com.abacus.subscriptions.SubscriptionActivated;
import com.abacus.subscriptions.SubscriptionPlanChanged;
import com.abacus.subscriptions.Subscriptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * What invoicing does when subscriptions and accounts report: a paid start or change gets its (paid) invoice, an
 * erased customer's name leaves the invoices. Refunds are {@link CreditNotes}', payment verdicts {@link InvoicePaymentVerdicts}'.
 * Every handler is idempotent, because events are redelivered after a crash.
 */
@Component
class InvoicingEvents {

    private static final Logger log = LoggerFactory.getLogger(InvoicingEvents.class);

    private final InvoiceIssuer issuer;
    private final InvoiceRepository invoices;
    private final UsageRepository usage;
    private final Subscriptions subscriptions;
    private final Catalog catalog;
    private final Charges charges;
    private final LateCollectionVerdicts lateVerdicts;

    InvoicingEvents(
            InvoiceIssuer issuer,
            InvoiceRepository invoices,
            UsageRepository usage,
            Subscriptions subscriptions,
            Catalog catalog,
            Charges charges,
            LateCollectionVerdicts lateVerdicts) {
        this.issuer = issuer;
        this.invoices = invoices;
        this.usage = usage;
        this.subscriptions = subscriptions;
        this.catalog = catalog;
        this.charges = charges;
        this.lateVerdicts = lateVerdicts;
    }

    /**
     * Issues the invoice of a start or change the customer paid for at checkout: paid when the money is there; open,
     * "payment pending" with that payment as its first attempt, when the charge was accepted and settles later (a SEPA
     * debit), so a late failure goes to dunning like a renewal's.
     */
    private void issuePaidAtCheckout(InvoiceIssuer.Draft draft) {
        String paymentId = draft.paidBy();
        if (paymentId == null || charges.payment(PaymentId.of(paymentId)).status() == PaymentStatus.SUCCEEDED) {
            issuer.issue(draft);
            return;
        }
        Invoice invoice = issuer.issue(new InvoiceIssuer.Draft(
                draft.accountId(),
                draft.subscriptionId(),
                draft.currency(),
                draft.lines(),
                draft.periodStart(),
                draft.periodEnd(),
                draft.sourceKey(),
                null));
        if (invoice.status() == InvoiceStatus.FINALIZED && invoice.attempts() == 0) {
            lateVerdicts.awaitPayment(invoice, PaymentId.of(paymentId));
        }
    }

    @ApplicationModuleListener
    void on(SubscriptionActivated event) {
        var metrics = catalog.version(event.catalogVersion()).usageChargesFor(event.planCode()).stream()
                .map(UsageCharge::metric)
                .toList();
        usage.start(
                event.subscriptionId().toString(),
                event.accountId(),
                event.testClockId(),
                metrics,
                event.periodStart(),
                BillingPeriods.month(event.anchor(), event.timeZone(), 0).end());
        if (event.trialing() || event.lines().isEmpty()) {
            return;
        }
        issuePaidAtCheckout(new InvoiceIssuer.Draft(
                event.accountId(),
                event.subscriptionId().toString(),
                event.currency(),
                InvoiceDrafting.fromCharges(event.product(), event.lines()),
                event.periodStart(),
                event.periodEnd(),
                "start:" + event.subscriptionId(),
                event.paymentId()));
    }

    @ApplicationModuleListener
    void on(SubscriptionPlanChanged event) {
        if (event.lines().isEmpty()) {
            return;
        }
        Money total = event.lines().stream()
                .map(l -> l.amount())
                .reduce(Money.zero(Money.currency(event.currency())), Money::plus);
        if (total.isNegative()) {
            log.info(
                    "Plan change of {} nets a credit of {}; no invoice (credit balances are not carried)",
                    event.subscriptionId(),
                    total);
            return;
        }
        var subscription = subscriptions.get(event.subscriptionId());
        issuePaidAtCheckout(new InvoiceIssuer.Draft(
                event.accountId(),
                event.subscriptionId().toString(),
                event.currency(),
                InvoiceDrafting.fromCharges(subscription.product(), event.lines()),
                event.lines().get(0).serviceStart(),
                event.lines().get(event.lines().size() - 1).serviceEnd(),
                "change:" + event.subscriptionId() + ":" + event.at().toEpochMilli(),
                event.paymentId()));
    }

    @ApplicationModuleListener
    void on(PersonalDataErased event) {
        String pseudonym = "erased-" + event.accountId().toString().substring(0, 8);
        invoices.pseudonymise(event.accountId(), pseudonym, pseudonym + "@erased.invalid");
    }
}
