package com.abacus.contracts.internal.web;

import com.abacus.accounts.Account;
import com.abacus.accounts.Accounts;
import com.abacus.catalog.Catalog;
import com.abacus.contracts.Quote;
import com.abacus.contracts.Quotes;
import com.abacus.taxes.TaxSettings;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/** A quote as a PDF: seller, customer, terms and every invoice of the schedule, in the customer's calendar. */
@Component
class QuoteDocument {

    private final TemplateEngine templates;
    private final Quotes quotes;
    private final Accounts accounts;
    private final Catalog catalog;
    private final TaxSettings taxes;
    private final Clock clock;

    QuoteDocument(
            TemplateEngine templates,
            Quotes quotes,
            Accounts accounts,
            Catalog catalog,
            TaxSettings taxes,
            Clock clock) {
        this.templates = templates;
        this.quotes = quotes;
        this.accounts = accounts;
        this.catalog = catalog;
        this.taxes = taxes;
        this.clock = clock;
    }

    byte[] pdf(Quote quote) {
        Account account = accounts.get(quote.terms().accountId());
        Context context = new Context(Locale.ENGLISH);
        context.setVariable("account", account);
        context.setVariable("seller", taxes.seller());
        context.setVariable(
                "summary",
                QuoteSummary.of(
                        quote, quotes.schedule(quote.terms()), catalog.current(), account.timeZone(), clock.instant()));
        String html = templates.process("contracts/quote-pdf", context);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new PdfRendererBuilder()
                    .useFastMode()
                    .withHtmlContent(html, null)
                    .toStream(out)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not render quote " + quote.number(), e);
        }
        return out.toByteArray();
    }
}
