package com.abacus.invoicing.internal.web;

import com.abacus.invoicing.CreditNote;
import com.abacus.invoicing.Invoice;
import com.abacus.invoicing.InvoiceLine;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders an invoice as PDF from the same data as the screens: a Thymeleaf template (well-formed XHTML) laid out by
 * openhtmltopdf. Amounts are printed from the invoice's own lines, so the PDF and the invoice cannot disagree.
 */
@Component
class InvoiceDocument {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final TemplateEngine templates;

    InvoiceDocument(TemplateEngine templates) {
        this.templates = templates;
    }

    record Row(String description, String period, long quantity, String amount) {}

    byte[] pdf(Invoice invoice, List<CreditNote> creditNotes) {
        Context context = new Context(Locale.ENGLISH);
        context.setVariable("invoice", invoice);
        context.setVariable("issued", invoice.issuedAt() == null ? "" : DATE.format(invoice.issuedAt()));
        context.setVariable("paid", invoice.paidAt() == null ? null : DATE.format(invoice.paidAt()));
        context.setVariable("currency", invoice.total().currencyCode());
        context.setVariable("total", invoice.total().toPlainString());
        context.setVariable(
                "rows", invoice.lines().stream().map(InvoiceDocument::row).toList());
        context.setVariable("creditNotes", creditNotes);
        String html = templates.process("invoicing/invoice-pdf", context);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new PdfRendererBuilder()
                    .useFastMode()
                    .withHtmlContent(html, null)
                    .toStream(out)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not render invoice " + invoice.number(), e);
        }
        return out.toByteArray();
    }

    private static Row row(InvoiceLine line) {
        String period = line.serviceStart() == null
                ? ""
                : DATE.format(line.serviceStart()) + " – " + DATE.format(line.serviceEnd());
        return new Row(
                line.description(), period, line.quantity(), line.amount().toPlainString());
    }
}
