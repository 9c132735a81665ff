package com.abacus.contracts.internal.web;

import com.abacus.contracts.Contract;
import com.abacus.contracts.ContractSchedule;
import com.abacus.contracts.ContractTerms;
import com.abacus.contracts.Contracts;
import com.abacus.contracts.NewQuote;
import com.abacus.contracts.Quote;
import com.abacus.contracts.QuoteAcceptance;
import com.abacus.contracts.Quotes;
import com.abacus.shared.AccountId;
import com.abacus.shared.web.MoneyView;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/quotes} and {@code /api/v1/contracts}: SALES or ADMIN (HTTP Basic), or a service token with {@code
 * contracts:write}. Amounts are decimal strings at the currency's scale; dates are the account's calendar days.
 */
@RestController
@RequestMapping("/api/v1")
@PreAuthorize("hasRole('SALES') or hasRole('ADMIN') or hasAuthority('SCOPE_contracts:write')")
class QuoteApiController {

    private final Quotes quotes;
    private final QuoteAcceptance acceptance;
    private final Contracts contracts;
    private final QuoteDocument document;
    private final Clock clock;

    QuoteApiController(
            Quotes quotes, QuoteAcceptance acceptance, Contracts contracts, QuoteDocument document, Clock clock) {
        this.quotes = quotes;
        this.acceptance = acceptance;
        this.contracts = contracts;
        this.document = document;
        this.clock = clock;
    }

    record PriceView(int fromMonth, MoneyView monthly) {}

    record ItemView(@Nullable String plan, @Nullable String addOn, String name, int quantity, List<PriceView> prices) {}

    record CapView(String type, long quantity) {}

    record UsageView(
            String metric,
            long includedPerMonth,
            MoneyView overagePrice,
            @Nullable CapView cap) {}

    /** The terms in the request's own shape. */
    record TermsView(
            String accountId,
            String currency,
            LocalDate startDate,
            LocalDate endDate,
            int termMonths,
            String billing,
            String paymentTerms,
            boolean autoRenew,
            List<ItemView> items,
            List<UsageView> usage,
            @Nullable MoneyView commitment) {

        static TermsView of(ContractTerms t) {
            return new TermsView(
                    t.accountId().toString(),
                    t.currency(),
                    t.startDate(),
                    t.endDate().minusDays(1),
                    t.termMonths(),
                    t.billing().name().toLowerCase(),
                    t.paymentTerms().name().toLowerCase(),
                    t.autoRenew(),
                    t.items().stream()
                            .map(i -> new ItemView(
                                    i.kind() == ContractTerms.Item.Kind.PLAN ? i.code() : null,
                                    i.kind() == ContractTerms.Item.Kind.ADDON ? i.code() : null,
                                    i.name(),
                                    i.quantity(),
                                    i.prices().stream()
                                            .map(p -> new PriceView(p.fromMonth(), MoneyView.of(p.monthly())))
                                            .toList()))
                            .toList(),
                    t.usage().stream()
                            .map(u -> new UsageView(
                                    u.metric(),
                                    u.includedPerMonth(),
                                    MoneyView.of(u.overagePrice()),
                                    u.cap() == null
                                            ? null
                                            : new CapView(
                                                    u.cap().type().name().toLowerCase(),
                                                    u.cap().quantity())))
                            .toList(),
                    MoneyView.of(t.commitment()));
        }
    }

    record QuoteView(
            UUID id,
            String number,
            String status,
            TermsView terms,
            String createdBy,
            Instant createdAt,
            Instant expiresAt,
            @Nullable Instant acceptedAt,
            @Nullable String acceptedBy,
            @Nullable String signedReference,
            @Nullable UUID contractId,
            String schedule,
            String pdf,
            String acceptUrl) {

        static QuoteView of(Quote q, Instant now) {
            return new QuoteView(
                    q.id(),
                    q.number(),
                    q.statusAt(now).name().toLowerCase(),
                    TermsView.of(q.terms()),
                    q.createdBy(),
                    q.createdAt(),
                    q.expiresAt(),
                    q.acceptedAt(),
                    q.acceptedBy(),
                    q.signedReference(),
                    q.contractId(),
                    "/api/v1/quotes/" + q.id() + "/schedule",
                    "/api/v1/quotes/" + q.id() + "/pdf",
                    "/quotes/" + q.id());
        }
    }

    record LineView(String kind, String code, String description, int quantity, MoneyView amount, MoneyView tax) {}

    record ScheduledInvoiceView(
            LocalDate date,
            LocalDate periodStart,
            LocalDate periodEnd,
            List<LineView> lines,
            MoneyView subtotal,
            MoneyView tax,
            MoneyView total) {

        static ScheduledInvoiceView of(ContractSchedule.ScheduledInvoice i) {
            return new ScheduledInvoiceView(
                    i.date(),
                    i.periodStart(),
                    i.periodEnd(),
                    i.lines().stream()
                            .map(l -> new LineView(
                                    l.kind(),
                                    l.code(),
                                    l.description(),
                                    l.quantity(),
                                    MoneyView.of(l.amount()),
                                    MoneyView.of(l.tax())))
                            .toList(),
                    MoneyView.of(i.subtotal()),
                    MoneyView.of(i.tax()),
                    MoneyView.of(i.total()));
        }
    }

    record ContractView(
            UUID id, String number, UUID quoteId, String status, TermsView terms, String signedBy, Instant signedAt) {

        static ContractView of(Contract c) {
            return new ContractView(
                    c.id(),
                    c.number(),
                    c.quoteId(),
                    c.status().name().toLowerCase(),
                    TermsView.of(c.terms()),
                    c.signedBy(),
                    c.signedAt());
        }
    }

    record Acceptance(@Nullable String signedReference) {}

    @PostMapping("/quotes")
    ResponseEntity<QuoteView> create(@RequestBody NewQuote request, Authentication who) {
        Quote quote = quotes.create(request, who.getName());
        return ResponseEntity.created(URI.create("/api/v1/quotes/" + quote.id()))
                .body(QuoteView.of(quote, clock.instant()));
    }

    @GetMapping("/quotes/{id}")
    QuoteView get(@PathVariable UUID id) {
        return QuoteView.of(quotes.get(id), clock.instant());
    }

    @GetMapping("/quotes")
    List<QuoteView> forAccount(@RequestParam UUID accountId) {
        Instant now = clock.instant();
        return quotes.forAccount(new AccountId(accountId)).stream()
                .map(q -> QuoteView.of(q, now))
                .toList();
    }

    /** Every invoice the quote's contract would issue over its term. */
    @GetMapping("/quotes/{id}/schedule")
    List<ScheduledInvoiceView> schedule(@PathVariable UUID id) {
        return quotes.schedule(id).stream().map(ScheduledInvoiceView::of).toList();
    }

    @GetMapping("/quotes/{id}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable UUID id) {
        Quote quote = quotes.get(id);
        return ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "inline; filename=\"" + quote.number() + ".pdf\"")
                .body(document.pdf(quote));
    }

    /** Staff mark the quote signed (with the signature's reference): it becomes a contract. */
    @PostMapping("/quotes/{id}/accept")
    ResponseEntity<ContractView> accept(
            @PathVariable UUID id, @RequestBody(required = false) @Nullable Acceptance body, Authentication who) {
        Contract contract = acceptance.accept(id, who.getName(), body == null ? null : body.signedReference());
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/contracts/" + contract.id()))
                .body(ContractView.of(contract));
    }

    @GetMapping("/contracts")
    List<ContractView> contracts(@RequestParam(required = false) @Nullable UUID accountId) {
        return contracts.list(accountId == null ? null : new AccountId(accountId)).stream()
                .map(ContractView::of)
                .toList();
    }

    @GetMapping("/contracts/{id}")
    ContractView contract(@PathVariable UUID id) {
        return ContractView.of(contracts.get(id));
    }
}
