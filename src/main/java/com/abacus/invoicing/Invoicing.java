package com.abacus.invoicing;

import com.abacus.invoicing.internal.CollectionQueue;
import com.abacus.invoicing.internal.CreditNoteRepository;
import com.abacus.invoicing.internal.InvoiceRepository;
import com.abacus.invoicing.internal.UsageIngestion;
import com.abacus.shared.AccountId;
import com.abacus.shared.DomainException;
import com.abacus.shared.NotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Invoices, credit notes, the dunning queue and usage. The invoice run is {@link InvoiceRuns}. */
@Service
public class Invoicing {

    private final InvoiceRepository invoices;
    private final CollectionQueue collectionQueue;
    private final CreditNoteRepository creditNoteRows;
    private final UsageIngestion usage;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Invoicing(
            InvoiceRepository invoices,
            CollectionQueue collectionQueue,
            CreditNoteRepository creditNoteRows,
            UsageIngestion usage,
            ApplicationEventPublisher events,
            Clock clock) {
        this.invoices = invoices;
        this.collectionQueue = collectionQueue;
        this.creditNoteRows = creditNoteRows;
        this.usage = usage;
        this.events = events;
        this.clock = clock;
    }

    // --- invoices --------------------------------------------------------------------------------------------------

    public List<Invoice> invoices(AccountId account) {
        return invoices.forAccount(account);
    }

    public Invoice invoice(InvoiceId id) {
        return invoices.find(id)
                .filter(i -> i.status() != InvoiceStatus.DRAFT)
                .orElseThrow(() -> new NotFoundException("invoice", id));
    }

    /** The invoice if it belongs to {@code account}; another account's invoice is "not found", not "forbidden". */
    public Invoice invoiceOf(AccountId account, InvoiceId id) {
        Invoice invoice = invoice(id);
        if (!invoice.accountId().equals(account)) {
            throw new NotFoundException("invoice", id);
        }
        return invoice;
    }

    public Optional<Invoice> invoiceByNumber(String number) {
        return invoices.findByNumber(number.trim().toUpperCase());
    }

    public Optional<Invoice> invoicePaidBy(String paymentId) {
        return invoices.findByPayment(paymentId);
    }

    public List<CreditNote> creditNotes(AccountId account) {
        return creditNoteRows.creditNotes(account);
    }

    /** The credit note if it belongs to {@code account} (null: any account, for staff). */
    public CreditNote creditNote(java.util.UUID id, AccountId account) {
        return creditNoteRows
                .creditNote(id)
                .filter(note -> account == null || note.accountId().equals(account))
                .orElseThrow(() -> new NotFoundException("credit note", id));
    }

    public List<CreditNote> creditNotesOf(InvoiceId invoice) {
        return creditNoteRows.creditNotesOf(invoice);
    }

    /** Invoices whose charge failed and that dunning is retrying. */
    public List<Invoice> dunningQueue() {
        return invoices.inDunning();
    }

    /** Staff cancel an issued, unpaid invoice (mistake, goodwill). Paid invoices are corrected with credit notes instead. */
    @Transactional
    public Invoice voidInvoice(InvoiceId id) {
        Invoice invoice = invoice(id);
        if (!collectionQueue.writeOff(id, InvoiceStatus.VOID)) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "invoice-not-voidable",
                    "Only issued, unpaid invoices can be voided; this one is "
                            + invoice.status().name().toLowerCase());
        }
        events.publishEvent(InvoiceWrittenOff.of(invoice, InvoiceStatus.VOID, clock.instant()));
        return invoice(id);
    }

    // --- usage -----------------------------------------------------------------------------------------------------

    /** @param customer the customer sending its own usage, or null for a service reporting for any account */
    public UsageReceipt recordUsage(List<UsageEventInput> events, AccountId customer) {
        return usage.ingest(events, customer);
    }
}
