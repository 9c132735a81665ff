package com.abacus.invoicing.internal.web;

import com.abacus.accounts.CustomerPrincipal;
import com.abacus.invoicing.InvoiceId;
import com.abacus.invoicing.Invoicing;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** PDF downloads of invoices and credit notes, from the customer site and the console. */
@Controller
class InvoicePdfController {

    private final Invoicing invoicing;
    private final InvoiceDocument documents;

    InvoicePdfController(Invoicing invoicing, InvoiceDocument documents) {
        this.invoicing = invoicing;
        this.documents = documents;
    }

    @GetMapping("/account/invoices/{id}.pdf")
    @PreAuthorize("hasRole('CUSTOMER')")
    ResponseEntity<byte[]> customer(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable String id) {
        var invoice = invoicing.invoiceOf(customer.accountId(), InvoiceId.of(id));
        return InvoiceApiController.pdfResponse(
                invoice.number(), documents.pdf(invoice, invoicing.creditNotesOf(invoice.id())));
    }

    @GetMapping("/account/credit-notes/{id}.pdf")
    @PreAuthorize("hasRole('CUSTOMER')")
    ResponseEntity<byte[]> customerCreditNote(
            @AuthenticationPrincipal CustomerPrincipal customer, @PathVariable java.util.UUID id) {
        var note = invoicing.creditNote(id, customer.accountId());
        return InvoiceApiController.pdfResponse(
                note.number(), documents.creditNotePdf(note, invoicing.invoice(note.invoiceId())));
    }

    @GetMapping("/admin/credit-notes/{id}.pdf")
    @PreAuthorize("hasAnyRole('SUPPORT', 'FINANCE', 'ADMIN')")
    ResponseEntity<byte[]> staffCreditNote(@PathVariable java.util.UUID id) {
        var note = invoicing.creditNote(id, null);
        return InvoiceApiController.pdfResponse(
                note.number(), documents.creditNotePdf(note, invoicing.invoice(note.invoiceId())));
    }

    @GetMapping("/admin/invoices/{id}.pdf")
    @PreAuthorize("hasAnyRole('SUPPORT', 'FINANCE', 'ADMIN')")
    ResponseEntity<byte[]> staff(@PathVariable String id) {
        var invoice = invoicing.invoice(InvoiceId.of(id));
        return InvoiceApiController.pdfResponse(
                invoice.number(), documents.pdf(invoice, invoicing.creditNotesOf(invoice.id())));
    }
}
