package com.abacus.contracts.internal.web;

import com.abacus.accounts.Accounts;
import com.abacus.accounts.CustomerPrincipal;
import com.abacus.catalog.Catalog;
import com.abacus.contracts.Contract;
import com.abacus.contracts.Quote;
import com.abacus.contracts.QuoteAcceptance;
import com.abacus.contracts.Quotes;
import com.abacus.shared.DomainException;
import com.abacus.shared.NotFoundException;
import java.time.Clock;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The link sales send: the customer, signed in, reads the quote (terms, every invoice of the schedule, the PDF) and
 * accepts it, which signs the contract. Another account's quote is not found.
 */
@Controller
class QuotePage {

    private final Quotes quotes;
    private final QuoteAcceptance acceptance;
    private final QuoteDocument document;
    private final Accounts accounts;
    private final Catalog catalog;
    private final Clock clock;

    QuotePage(
            Quotes quotes,
            QuoteAcceptance acceptance,
            QuoteDocument document,
            Accounts accounts,
            Catalog catalog,
            Clock clock) {
        this.quotes = quotes;
        this.acceptance = acceptance;
        this.document = document;
        this.accounts = accounts;
        this.catalog = catalog;
        this.clock = clock;
    }

    @GetMapping("/quotes/{id}")
    String quote(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID id, Model model) {
        Quote quote = owned(customer, id);
        var zone = accounts.get(customer.accountId()).timeZone();
        model.addAttribute("quote", quote);
        model.addAttribute(
                "summary",
                QuoteSummary.of(quote, quotes.schedule(quote.terms()), catalog.current(), zone, clock.instant()));
        return "site/quote";
    }

    @GetMapping("/quotes/{id}/pdf")
    ResponseEntity<byte[]> pdf(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID id) {
        Quote quote = owned(customer, id);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + quote.number() + ".pdf\"")
                .body(document.pdf(quote));
    }

    @PostMapping("/quotes/{id}/accept")
    String accept(
            @AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID id, RedirectAttributes redirect) {
        Quote quote = owned(customer, id);
        String email = accounts.get(customer.accountId()).email();
        try {
            Contract contract = acceptance.accept(quote.id(), email, "accepted online by " + email);
            redirect.addFlashAttribute("notice", "Thank you: contract " + contract.number() + " is signed.");
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/quotes/" + id;
    }

    private Quote owned(CustomerPrincipal customer, UUID id) {
        Quote quote = quotes.get(id);
        if (!quote.terms().accountId().equals(customer.accountId())) {
            throw new NotFoundException("quote", id);
        }
        return quote;
    }
}
