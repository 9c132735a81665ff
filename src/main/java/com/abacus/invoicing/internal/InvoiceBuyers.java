package com.abacus.invoicing.internal;

import com.abacus.accounts.Account;
import com.abacus.accounts.AccountBillingDetails;
import com.abacus.accounts.Accounts;
import com.abacus.accounts.BillingDetails;
import com.abacus.catalog.Catalog;
import com.abacus.catalog.CatalogVersion;
import com.abacus.catalog.Plan;
import com.abacus.invoicing.InvoiceLine;
import com.abacus.shared.AccountId;
import com.abacus.taxes.InclusiveLines;
import com.abacus.taxes.TaxDecisions;
import com.abacus.taxes.TaxTreatment;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Who an invoice is billed to, as it prints them when issued (name, email, address, tax id), and how their lines are
 * taxed: each line not taxed yet gets its tax from the account's treatment on the day of issue.
 */
@Component
public class InvoiceBuyers {

    private final Accounts accounts;
    private final AccountBillingDetails billingDetails;
    private final TaxDecisions taxes;

    private final Catalog catalog;

    InvoiceBuyers(Accounts accounts, AccountBillingDetails billingDetails, TaxDecisions taxes, Catalog catalog) {
        this.accounts = accounts;
        this.billingDetails = billingDetails;
        this.taxes = taxes;
        this.catalog = catalog;
    }

    /** An account with its billing details, as of the invoice. */
    public record Buyer(Account account, BillingDetails details) {

        /** The address lines joined by newlines, or null without an address. */
        @Nullable
        String address() {
            return details.address() == null
                    ? null
                    : String.join("\n", details.address().lines());
        }

        @Nullable
        String taxId() {
            return details.taxId() == null ? null : details.taxId().value();
        }
    }

    public Buyer of(AccountId account) {
        return new Buyer(accounts.get(account), billingDetails.of(account));
    }

    public Map<AccountId, Buyer> ofAll(Collection<AccountId> ids) {
        Map<AccountId, Account> found = accounts.getAll(ids);
        Map<AccountId, BillingDetails> details = billingDetails.ofAll(found.keySet());
        Map<AccountId, Buyer> buyers = new HashMap<>();
        found.forEach((id, account) -> buyers.put(id, new Buyer(account, details.get(id))));
        return buyers;
    }

    public TaxTreatment treatment(Buyer buyer, String currency, Instant at) {
        return taxes.decide(buyer.account(), buyer.details(), currency, at);
    }

    /**
     * The lines with their tax: a line taxed already (priced at checkout) keeps its tax; a tax-inclusive plan's lines
     * (and their discounts) are taxed as inclusive, as the current catalog marks the plan.
     */
    List<InvoiceLine> taxed(List<InvoiceLine> lines, TaxTreatment treatment) {
        CatalogVersion current = catalog.current();
        boolean[] inclusive = InclusiveLines.of(
                lines.stream().map(InvoiceLine::code).toList(),
                lines.stream().map(l -> l.kind() == InvoiceLine.Kind.DISCOUNT).toList(),
                code -> current.plan(code).map(Plan::taxInclusive).orElse(false));
        List<InvoiceLine> taxed = new java.util.ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            InvoiceLine line = lines.get(i);
            taxed.add(line.tax() != null ? line : line.taxed(treatment.assess(line.amount(), inclusive[i])));
        }
        return taxed;
    }
}
