package com.abacus.invoicing.internal.web;

import com.abacus.accounts.Accounts;
import com.abacus.catalog.CatalogNames;
import com.abacus.invoicing.CreditNote;
import com.abacus.invoicing.Invoice;
import com.abacus.invoicing.InvoiceLine;
import com.abacus.shared.web.Formats;
import com.abacus.taxes.TaxSettings;
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
    private final TaxSettings.Seller seller;

    InvoiceDocument(TemplateEngine templates, Accounts accounts, CatalogNames names, TaxSettings taxes) {
        this.templates = templates;
        this.accounts = accounts;
        this.names = names;
        this.seller = taxes.seller();
    }

    /**
     * An invoice line as printed: its amount formatted with the currency symbol, and its tax ("19%", "€1.90"; empty for
     * a line issued before tax was kept).
     */
    record Row(String description, String period, long quantity, String shownAmount, String rate, String tax) {}

    /** A row of the tax summary, formatted: "DE VAT 19%", net, tax. */
    record TaxRow(String label, String taxable, String tax) {}

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
        // With a discount: the lines before it, what it takes off, then the net that tax is charged on.
        context.setVariable("discounted", invoice.discount().isPositive());
        context.setVariable("beforeDiscount", FORMATS.price(invoice.subtotal()));
        context.setVariable("discount", FORMATS.price(invoice.discount().negate()));
        context.setVariable("subtotal", FORMATS.price(invoice.subtotal().minus(invoice.discount())));
        context.setVariable("tax", FORMATS.price(invoice.tax()));
        context.setVariable("taxed", invoice.lines().stream().anyMatch(l -> l.tax() != null));
        context.setVariable(
                "taxRows",
                invoice.taxBreakdown().stream()
                        .map(row -> new TaxRow(
                                row.jurisdiction() + " " + row.taxName() + " "
                                        + row.rate().stripTrailingZeros().toPlainString() + "%"
                                        + (row.reverseCharge() ? " (reverse charge)" : ""),
                                FORMATS.price(row.taxable()),
                                FORMATS.price(row.tax())))
                        .toList());
        return render("invoicing/invoice-pdf", context, invoice.number());
    }

    byte[] creditNotePdf(CreditNote note, Invoice invoice) {
        ZoneId zone = accounts.get(invoice.accountId()).timeZone();
        Context context = new Context(Locale.ENGLISH);
        context.setVariable("note", note);
        context.setVariable("invoice", invoice);
        context.setVariable("issued", FORMATS.date(note.issuedAt(), zone));
        context.setVariable("invoiceIssued", FORMATS.date(invoice.issuedAt(), zone));
        context.setVariable("taxBack", FORMATS.price(note.tax()));
        context.setVariable("netBack", FORMATS.price(note.net()));
        return render("invoicing/credit-note-pdf", context, note.number());
    }

    private byte[] render(String template, Context context, String number) {
        context.setVariable("fmt", FORMATS);
        Invoice invoice = (Invoice) context.getVariable("invoice");
        context.setVariable(
                "buyerAddress",
                invoice.billedToAddress() == null
                        ? List.of()
                        : List.of(invoice.billedToAddress().split("\n")));
        context.setVariable("seller", seller);
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
                names.line(line.code(), line.description()),
                period,
                line.quantity(),
                FORMATS.price(line.amount()),
                line.tax() == null ? "" : line.tax().rate().stripTrailingZeros().toPlainString() + "%",
                line.tax() == null ? "" : FORMATS.price(line.taxAmount()));
    }
}
