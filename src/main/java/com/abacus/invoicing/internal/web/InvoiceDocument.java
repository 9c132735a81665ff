package com.abacus.invoicing.internal.web;

import com.abacus.accounts.Accounts;
import com.abacus.catalog.CatalogNames;
import com.abacus.invoicing.CreditNote;
import com.abacus.invoicing.Invoice;
import com.abacus.invoicing.InvoiceLine;
import com.abacus.shared.web.Formats;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders invoices and credit notes as PDF from the same data as the screens: a Thymeleaf template (well-formed XHTML)
 * laid out by openhtmltopdf. Amounts are printed from the documents' own lines, so the PDF and the screen cannot
 * disagree; dates are the days in the account's time zone; lines name the plan, not its code.
 */
@Component
class InvoiceDocument {

    private static final Formats FORMATS = new Formats();

    private final TemplateEngine templates;
    private final Accounts accounts;
    private final CatalogNames names;

    InvoiceDocument(TemplateEngine templates, Accounts accounts, CatalogNames names) {
        this.templates = templates;
        this.accounts = accounts;
        this.names = names;
    }

    /** An invoice line as printed: its amount already formatted with the currency symbol. */
    record Row(String description, String period, long quantity, String shownAmount) {}

    byte[] pdf(Invoice invoice, List<CreditNote> creditNotes) {
        ZoneId zone = accounts.get(invoice.accountId()).timeZone();
        Context context = new Context(Locale.ENGLISH);
        context.setVariable("invoice", invoice);
        context.setVariable("zone", zone);
        context.setVariable("issued", FORMATS.date(invoice.issuedAt(), zone));
        context.setVariable("paid", invoice.paidAt() == null ? null : FORMATS.date(invoice.paidAt(), zone));
        context.setVariable("total", FORMATS.price(invoice.total()));
        context.setVariable("net", FORMATS.price(invoice.netOfCredits()));
        context.setVariable(
                "rows", invoice.lines().stream().map(line -> row(line, zone)).toList());
        context.setVariable("creditNotes", creditNotes);
        return render("invoicing/invoice-pdf", context, invoice.number());
    }

    byte[] creditNotePdf(CreditNote note, Invoice invoice) {
        ZoneId zone = accounts.get(invoice.accountId()).timeZone();
        Context context = new Context(Locale.ENGLISH);
        context.setVariable("note", note);
        context.setVariable("invoice", invoice);
        context.setVariable("issued", FORMATS.date(note.issuedAt(), zone));
        context.setVariable("invoiceIssued", FORMATS.date(invoice.issuedAt(), zone));
        return render("invoicing/credit-note-pdf", context, note.number());
    }

    private byte[] render(String template, Context context, String number) {
        context.setVariable("fmt", FORMATS);
        String html = templates.process(template, context);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new PdfRendererBuilder()
                    .useFastMode()
                    .withHtmlContent(html, null)
                    .toStream(out)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not render " + number, e);
        }
        return out.toByteArray();
    }

    private Row row(InvoiceLine line, ZoneId zone) {
        String period = line.serviceStart() == null
                ? ""
                : FORMATS.date(line.serviceStart(), zone) + " – " + FORMATS.date(line.serviceEnd(), zone);
        return new Row(
                names.line(line.code(), line.description()), period, line.quantity(), FORMATS.price(line.amount()));
    }
}
