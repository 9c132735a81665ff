package com.abacus.contracts;

import com.abacus.accounts.Account;
import com.abacus.accounts.AccountBillingDetails;
import com.abacus.accounts.Accounts;
import com.abacus.contracts.internal.ContractRepository;
import com.abacus.contracts.internal.QuoteRules;
import com.abacus.shared.AccountId;
import com.abacus.shared.NotFoundException;
import com.abacus.taxes.TaxDecisions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Quotes sales staff make for an account: checked terms, valid for a number of days, never edited, each with the
 * schedule of invoices its contract would issue (taxed as the account's billing details and the tax rules say on each
 * invoice's date).
 */
@Service
public class Quotes {

    private static final int DEFAULT_VALID_DAYS = 30;

    private final QuoteRules rules;
    private final ContractRepository repository;
    private final ContractOverlaps overlaps;
    private final Accounts accounts;
    private final AccountBillingDetails billingDetails;
    private final TaxDecisions taxes;
    private final Clock clock;

    Quotes(
            QuoteRules rules,
            ContractRepository repository,
            ContractOverlaps overlaps,
            Accounts accounts,
            AccountBillingDetails billingDetails,
            TaxDecisions taxes,
            Clock clock) {
        this.rules = rules;
        this.repository = repository;
        this.overlaps = overlaps;
        this.accounts = accounts;
        this.billingDetails = billingDetails;
        this.taxes = taxes;
        this.clock = clock;
    }

    @Transactional
    public Quote create(NewQuote request, String createdBy) {
        ContractTerms terms = rules.terms(request);
        int validDays = request.validDays() == null ? DEFAULT_VALID_DAYS : request.validDays();
        if (validDays < 1 || validDays > 365) {
            throw new com.abacus.shared.InvalidInputException("validDays", "must be 1 to 365");
        }
        overlaps.refuseOverlap(terms);
        Instant now = clock.instant();
        Quote quote = new Quote(
                UUID.randomUUID(),
                repository.nextQuoteNumber(now.atZone(ZoneOffset.UTC).getYear()),
                terms,
                Quote.Status.OPEN,
                createdBy,
                now,
                now.plus(Duration.ofDays(validDays)),
                null,
                null,
                null,
                null);
        repository.insert(quote);
        return quote;
    }

    public Quote get(UUID id) {
        return repository.quote(id).orElseThrow(() -> new NotFoundException("quote", id));
    }

    public List<Quote> forAccount(AccountId account) {
        return repository.quotes(account);
    }

    /** Every invoice the quote's contract would issue, as it would be taxed today's rules and details decide. */
    public List<ContractSchedule.ScheduledInvoice> schedule(UUID id) {
        return schedule(get(id).terms());
    }

    public List<ContractSchedule.ScheduledInvoice> schedule(ContractTerms terms) {
        Account account = accounts.get(terms.accountId());
        var details = billingDetails.of(terms.accountId());
        return ContractSchedule.of(
                terms,
                day -> taxes.decide(
                        account,
                        details,
                        terms.currency(),
                        day.atStartOfDay(account.timeZone()).toInstant()));
    }
}
