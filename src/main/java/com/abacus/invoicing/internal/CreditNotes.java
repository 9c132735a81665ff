package com.abacus.invoicing.internal;

import com.abacus.accounts.TestClocks;
import com.abacus.invoicing.CreditNote;
import com.abacus.invoicing.CreditNoteIssued;
import com.abacus.invoicing.Invoice;
import com.abacus.payments.RefundIssued;
import com.abacus.shared.Money;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Credit notes: a refund gets one on the invoice its payment paid, numbered in the gapless CN series; the invoice's
 * credited amount can never pass its total.
 */
@Component
class CreditNotes {

    private static final Logger log = LoggerFactory.getLogger(CreditNotes.class);

    private final InvoiceRepository invoices;
    private final InvoiceNumberSeries numberSeries;
    private final CreditNoteRepository creditNoteRows;
    private final InvoicingSettings settings;
    private final TestClocks testClocks;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CreditNotes(
            InvoiceRepository invoices,
            InvoiceNumberSeries numberSeries,
            CreditNoteRepository creditNoteRows,
            InvoicingSettings settings,
            TestClocks testClocks,
            ApplicationEventPublisher events,
            Clock clock) {
        this.invoices = invoices;
        this.numberSeries = numberSeries;
        this.creditNoteRows = creditNoteRows;
        this.settings = settings;
        this.testClocks = testClocks;
        this.events = events;
        this.clock = clock;
    }

    /** A refund gets a credit note on the invoice the refunded payment paid, numbered in the CN series. */
    @ApplicationModuleListener
    void on(RefundIssued event) {
        if (creditNoteRows.creditNoteExistsForRefund(event.refundId().toString())) {
            return;
        }
        Optional<Invoice> invoice = invoices.findByPayment(event.paymentId().toString());
        if (invoice.isEmpty()) {
            log.info(
                    "Refund {} is for payment {} that paid no invoice; no credit note",
                    event.refundId(),
                    event.paymentId());
            return;
        }
        Invoice paid = invoice.get();
        if (!invoices.credit(paid.id(), event.amountMinor())) {
            log.error(
                    "Refund {} would credit invoice {} beyond its total; no credit note issued",
                    event.refundId(),
                    paid.number());
            return;
        }
        var now = clock.instant();
        int year = now.atZone(settings.numberingZone()).getYear();
        String series = InvoiceDrafting.series(
                "CN", testClocks.clockOf(paid.accountId()).orElse(null));
        String number = InvoiceDrafting.number(series, year, numberSeries.nextNumber(series, year));
        Money amount = Money.ofMinor(event.amountMinor(), event.currency());
        CreditNote note = new CreditNote(
                UUID.randomUUID(),
                number,
                paid.id(),
                paid.number(),
                paid.accountId(),
                amount,
                event.reason(),
                event.refundId().toString(),
                now,
                paid.taxShareOf(amount));
        creditNoteRows.insertCreditNote(note);
        events.publishEvent(new CreditNoteIssued(
                note.id(),
                number,
                paid.id(),
                paid.number(),
                paid.accountId(),
                event.currency(),
                event.amountMinor(),
                paid.total().minor(),
                event.reason(),
                true,
                now,
                note.tax().minor(),
                paid.taxJurisdiction()));
    }
}
