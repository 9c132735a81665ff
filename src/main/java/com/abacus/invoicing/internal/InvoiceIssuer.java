package com.abacus.invoicing.internal;

import com.abacus.accounts.Account;
import com.abacus.invoicing.Invoice;
import com.abacus.invoicing.InvoiceFinalized;
import com.abacus.invoicing.InvoiceId;
import com.abacus.invoicing.InvoiceLine;
import com.abacus.invoicing.InvoicePaid;
import com.abacus.invoicing.InvoiceStatus;
import com.abacus.invoicing.InvoicesIssued;
import com.abacus.invoicing.InvoicesPaid;
import com.abacus.shared.AccountId;
import com.abacus.shared.Money;
import com.abacus.taxes.TaxTreatment;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues invoices: draft, lines, then a gapless number and FINALIZED (or PAID when the money was already taken, as at
 * checkout) in one transaction. Each invoice has a source key (what it bills for, e.g. one subscription period), so
 * issuing the same thing twice returns the first invoice: redelivered events and re-run jobs never bill twice.
 */
@Component
public class InvoiceIssuer {

    private final InvoiceRepository invoices;
    private final IssuedInvoiceWriter issuedInvoices;
    private final InvoiceNumberSeries numberSeries;
    private final InvoiceBuyers buyers;
    private final InvoicingSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    InvoiceIssuer(
            InvoiceRepository invoices,
            IssuedInvoiceWriter issuedInvoices,
            InvoiceNumberSeries numberSeries,
            InvoiceBuyers buyers,
            InvoicingSettings settings,
            ApplicationEventPublisher events,
            Clock clock) {
        this.invoices = invoices;
        this.issuedInvoices = issuedInvoices;
        this.numberSeries = numberSeries;
        this.buyers = buyers;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    public record Draft(
            AccountId accountId,
            String subscriptionId,
            String currency,
            List<InvoiceLine> lines,
            Instant periodStart,
            Instant periodEnd,
            String sourceKey,
            String paidBy) {}

    /**
     * Issues one invoice, paid or not (checkout's, a credit's, the fallback of a failed batch). Drafted and announced by
     * the same rules as {@link #issueAll}; it differs only in how the row is written: as a draft first, so an invoice
     * already issued for the same source is found and returned instead of a second one.
     */
    @Transactional
    public Invoice issue(Draft draft) {
        Instant now = clock.instant();
        InvoiceBuyers.Buyer buyer = buyers.of(draft.accountId());
        Account account = buyer.account();
        TaxTreatment treatment = buyers.treatment(buyer, draft.currency(), now);
        List<InvoiceLine> lines = InvoiceDrafting.positioned(buyers.taxed(draft.lines(), treatment));
        Money total = InvoiceDrafting.totalOf(draft.currency(), lines);
        if (total.isNegative()) {
            throw new IllegalArgumentException("An invoice cannot total below zero: " + total);
        }
        InvoiceId id = new InvoiceId(UUID.randomUUID());
        if (!issuedInvoices.insertDraft(
                id,
                draft.accountId(),
                draft.subscriptionId(),
                account.name(),
                account.email(),
                total,
                draft.periodStart(),
                draft.periodEnd(),
                draft.sourceKey(),
                account.testClockId(),
                now)) {
            return invoices.findBySource(draft.sourceKey()).orElseThrow();
        }
        for (InvoiceLine line : lines) {
            issuedInvoices.insertLine(id, line);
        }
        int year = now.atZone(settings.numberingZone()).getYear();
        String series = InvoiceDrafting.series("INV", account.testClockId());
        // A single invoice's first charge attempt is its caller's (checkout has already charged, or collection will).
        Invoice invoice = InvoiceDrafting.issued(
                id,
                InvoiceDrafting.number(series, year, numberSeries.nextNumber(series, year)),
                draft,
                buyer,
                treatment,
                lines,
                0,
                now,
                now);
        issuedInvoices.buyer(id, invoice);
        issuedInvoices.finalize(id, invoice.number(), invoice.status(), draft.paidBy(), now);
        events.publishEvent(InvoiceDrafting.finalizedEvent(invoice, draft.currency()));
        if (invoice.status() == InvoiceStatus.PAID) {
            events.publishEvent(InvoiceDrafting.paidEvent(invoice, draft.currency()));
        }
        return invoice;
    }

    /**
     * Issues a batch of unpaid invoices (the invoice run's): numbered as one block of the gapless series, written in
     * batches, announced in one {@link InvoicesIssued} event (and one {@link InvoicesPaid} for those that total zero).
     * The numbers are taken last, so the series stays locked only while the invoices are written. If any source was
     * invoiced before, nothing of the batch is kept (the caller's transaction rolls back) and the caller goes one by
     * one through {@link #issue}. Each invoice records its first charge attempt, which the caller makes.
     */
    @Transactional
    public List<Invoice> issueAll(List<Draft> drafts) {
        if (drafts.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        Map<AccountId, InvoiceBuyers.Buyer> billed =
                buyers.ofAll(drafts.stream().map(Draft::accountId).collect(Collectors.toSet()));
        int year = now.atZone(settings.numberingZone()).getYear();
        // A batch is one scope's (the real run's, or one clock's advance), so one series.
        Set<String> seriesOfBatch = billed.values().stream()
                .map(b -> InvoiceDrafting.series("INV", b.account().testClockId()))
                .collect(Collectors.toSet());
        if (seriesOfBatch.size() != 1) {
            throw new IllegalArgumentException(
                    "A batch invoice's accounts must share one number series: " + seriesOfBatch);
        }
        String series = seriesOfBatch.iterator().next();
        long first = numberSeries.nextNumbers(series, year, drafts.size());
        List<Invoice> issued = new ArrayList<>();
        List<IssuedInvoiceWriter.IssuedRow> rows = new ArrayList<>();
        List<InvoiceFinalized> finalized = new ArrayList<>();
        List<InvoicePaid> paid = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            Draft draft = drafts.get(i);
            InvoiceBuyers.Buyer buyer = billed.get(draft.accountId());
            TaxTreatment treatment = buyers.treatment(buyer, draft.currency(), now);
            List<InvoiceLine> lines = InvoiceDrafting.positioned(buyers.taxed(draft.lines(), treatment));
            Money total = InvoiceDrafting.totalOf(draft.currency(), lines);
            if (total.isNegative() || draft.paidBy() != null) {
                throw new IllegalArgumentException(
                        "A batch invoice must be unpaid and total zero or more: " + draft.sourceKey());
            }
            Invoice invoice = InvoiceDrafting.issued(
                    new InvoiceId(UUID.randomUUID()),
                    InvoiceDrafting.number(series, year, first + i),
                    draft,
                    buyer,
                    treatment,
                    lines,
                    total.isZero() ? 0 : 1,
                    now.plus(settings.collectionGrace()),
                    now);
            issued.add(invoice);
            rows.add(new IssuedInvoiceWriter.IssuedRow(
                    invoice, draft.sourceKey(), buyer.account().testClockId()));
            finalized.add(InvoiceDrafting.finalizedEvent(invoice, draft.currency()));
            if (invoice.status() == InvoiceStatus.PAID) {
                paid.add(InvoiceDrafting.paidEvent(invoice, draft.currency()));
            }
        }
        issuedInvoices.insertIssued(rows, now);
        events.publishEvent(new InvoicesIssued(finalized));
        if (!paid.isEmpty()) {
            events.publishEvent(new InvoicesPaid(paid));
        }
        return issued;
    }
}
