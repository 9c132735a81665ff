package com.abacus.contracts.internal;

import com.abacus.accounts.Account;
import com.abacus.accounts.Accounts;
import com.abacus.catalog.Catalog;
import com.abacus.catalog.CatalogVersion;
import com.abacus.contracts.ContractTerms;
import com.abacus.contracts.ContractTerms.Item;
import com.abacus.contracts.ContractTerms.UsageTerm;
import com.abacus.contracts.NewQuote;
import com.abacus.shared.AccountId;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.Money;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Checks a quote as asked for; every refusal names its field (items[0].prices[1].fromMonth), all at once. */
@Component
public class QuoteRules {

    private static final Set<Integer> TERMS = Set.of(12, 24, 36);

    private final Accounts accounts;
    private final Catalog catalog;

    QuoteRules(Accounts accounts, Catalog catalog) {
        this.accounts = accounts;
        this.catalog = catalog;
    }

    public ContractTerms terms(NewQuote q) {
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<Account> account =
                q.accountId() == null ? Optional.empty() : accounts.find(new AccountId(q.accountId()));
        if (account.isEmpty()) {
            errors.put("accountId", q.accountId() == null ? "is required" : "is not an account");
        }
        String currency = q.currency();
        if (currency == null
                || account.isPresent()
                        && !account.get().currency().getCurrencyCode().equals(currency)) {
            errors.put(
                    "currency",
                    "must be the account's billing currency"
                            + account.map(a -> " (" + a.currency().getCurrencyCode() + ")")
                                    .orElse(""));
            currency = null;
        }
        LocalDate start = null;
        try {
            start = q.startDate() == null ? null : LocalDate.parse(q.startDate());
        } catch (DateTimeParseException e) {
            // reported below
        }
        if (start == null) {
            errors.put("startDate", "must be a date such as 2027-01-01");
        }
        Integer term = q.termMonths();
        if (term == null || !TERMS.contains(term)) {
            errors.put("termMonths", "must be 12, 24 or 36");
            term = null;
        }
        ContractTerms.Billing billing = QuoteFields.choice(ContractTerms.Billing.class, q.billing(), "billing", errors);
        ContractTerms.PaymentTerms paymentTerms =
                QuoteFields.choice(ContractTerms.PaymentTerms.class, q.paymentTerms(), "paymentTerms", errors);
        CatalogVersion version = catalog.current();
        List<Item> items = QuoteItems.items(q.items(), currency, term, version, errors);
        List<UsageTerm> usage = QuoteUsage.usage(q.usage(), currency, items, version, errors);
        Money commitment = null;
        if (q.commitment() != null && currency != null) {
            commitment = QuoteFields.money(q.commitment().minimum(), currency, "commitment.minimum", errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors, "The quote is invalid");
        }
        return new ContractTerms(
                account.orElseThrow().id(),
                currency,
                start,
                term,
                billing,
                paymentTerms,
                Boolean.TRUE.equals(q.autoRenew()),
                items,
                usage,
                commitment);
    }
}
