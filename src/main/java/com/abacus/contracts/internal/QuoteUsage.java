package com.abacus.contracts.internal;

import com.abacus.catalog.CatalogVersion;
import com.abacus.catalog.UsageCharge;
import com.abacus.contracts.ContractTerms;
import com.abacus.contracts.ContractTerms.Item;
import com.abacus.contracts.ContractTerms.UsageTerm;
import com.abacus.contracts.NewQuote;
import com.abacus.shared.Money;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The usage terms of a quote: per metric its plans meter, included quantity, overage price, cap. */
final class QuoteUsage {

    private QuoteUsage() {}

    static List<UsageTerm> usage(
            @Nullable List<NewQuote.NewUsage> requested,
            @Nullable String currency,
            List<Item> items,
            CatalogVersion version,
            Map<String, String> errors) {
        List<UsageTerm> usage = new ArrayList<>();
        if (requested == null) {
            return usage;
        }
        Set<String> metrics = new HashSet<>();
        for (Item item : items) {
            if (item.kind() == Item.Kind.PLAN) {
                version.usageChargesFor(item.code()).stream()
                        .map(UsageCharge::metric)
                        .forEach(metrics::add);
            }
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            NewQuote.NewUsage term = requested.get(i);
            String field = "usage[" + i + "]";
            if (term == null || term.metric() == null || term.metric().isBlank()) {
                errors.put(field + ".metric", "is required: included usage, overage and caps are per metric");
                continue;
            }
            if (!metrics.contains(term.metric())) {
                errors.put(field + ".metric", "'" + term.metric() + "' is not metered by the quote's plans");
                continue;
            }
            if (!seen.add(term.metric())) {
                errors.put(field + ".metric", "'" + term.metric() + "' is given twice");
            }
            long included = term.includedPerMonth() == null ? 0 : term.includedPerMonth();
            if (included < 0) {
                errors.put(field + ".includedPerMonth", "must be zero or more");
            }
            Money overage = currency == null
                    ? null
                    : QuoteFields.money(term.overagePrice(), currency, field + ".overagePrice", errors);
            ContractTerms.Cap cap = null;
            if (term.cap() != null) {
                ContractTerms.CapType type = QuoteFields.choice(
                        ContractTerms.CapType.class, term.cap().type(), field + ".cap.type", errors);
                Long quantity = term.cap().quantity();
                if (quantity == null || quantity < 1) {
                    errors.put(field + ".cap.quantity", "must be at least 1");
                } else if (type != null) {
                    cap = new ContractTerms.Cap(type, quantity);
                }
            }
            if (overage != null) {
                usage.add(new UsageTerm(term.metric(), included, overage, cap));
            }
        }
        return usage;
    }
}
