package com.abacus.invoicing.internal.web;

import com.abacus.accounts.CustomerPrincipal;
import com.abacus.invoicing.InvoiceId;
import com.abacus.invoicing.Invoicing;
import com.abacus.invoicing.internal.web.InvoiceViews.CreditNoteView;
import com.abacus.invoicing.internal.web.InvoiceViews.InvoiceView;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A customer's invoices and credit notes, as JSON and PDF. */
@RestController
@PreAuthorize("hasRole('CUSTOMER')")
class InvoiceApiController {

    private final Invoicing invoicing;
    private final InvoiceDocument documents;

    InvoiceApiController(Invoicing invoicing, InvoiceDocument documents) {
        this.invoicing = invoicing;
        this.documents = documents;
    }

    @GetMapping("/api/v1/invoices")
    List<InvoiceView> invoices(@AuthenticationPrincipal CustomerPrincipal customer) {
        return invoicing.invoices(customer.accountId()).stream()
                .map(InvoiceView::of)
                .toList();
    }

    @GetMapping("/api/v1/invoices/{id}")
    InvoiceView invoice(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable String id) {
        return InvoiceView.of(invoicing.invoiceOf(customer.accountId(), InvoiceId.of(id)));
    }

    @GetMapping("/api/v1/invoices/{id}/pdf")
    ResponseEntity<byte[]> pdf(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable String id) {
        var invoice = invoicing.invoiceOf(customer.accountId(), InvoiceId.of(id));
        return pdfResponse(invoice.number(), documents.pdf(invoice, invoicing.creditNotesOf(invoice.id())));
    }

    @GetMapping("/api/v1/credit-notes")
    List<CreditNoteView> creditNotes(@AuthenticationPrincipal CustomerPrincipal customer) {
        return invoicing.creditNotes(customer.accountId()).stream()
                .map(CreditNoteView::of)
                .toList();
    }

    @GetMapping("/api/v1/credit-notes/{id}/pdf")
    ResponseEntity<byte[]> creditNotePdf(
            @AuthenticationPrincipal CustomerPrincipal customer, @PathVariable java.util.UUID id) {
        var note = invoicing.creditNote(id, customer.accountId());
        return pdfResponse(note.number(), documents.creditNotePdf(note, invoicing.invoice(note.invoiceId())));
    }

    static ResponseEntity<byte[]> pdfResponse(String number, byte[] pdf) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(number + ".pdf")
                                .build()
                                .toString())
                .body(pdf);
    }
}
