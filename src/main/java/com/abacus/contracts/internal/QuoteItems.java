package com.abacus.contracts.internal;

import com.abacus.catalog.AddOn;
import com.abacus.catalog.CatalogVersion;
import com.abacus.catalog.Plan;
import com.abacus.contracts.ContractTerms.Item;
import com.abacus.contracts.ContractTerms.Price;
import com.abacus.contracts.NewQuote;
import com.abacus.shared.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The items of a quote: a plan or an add-on each, with a ramp of monthly prices that covers the term. */
final class QuoteItems {

    private QuoteItems() {}

    static List<Item> items(
            @Nullable List<NewQuote.NewItem> requested,
            @Nullable String currency,
            @Nullable Integer term,
            CatalogVersion version,
            Map<String, String> errors) {
        List<Item> items = new ArrayList<>();
        if (requested == null || requested.isEmpty()) {
            errors.put("items", "a quote sells at least one plan or add-on");
            return items;
        }
        for (int i = 0; i < requested.size(); i++) {
            NewQuote.NewItem item = requested.get(i);
            String field = "items[" + i + "]";
            if (item == null || (item.plan() == null) == (item.addOn() == null)) {
                errors.put(field, "give plan or addOn, one of them");
                continue;
            }
            Optional<Plan> plan = item.plan() == null ? Optional.empty() : version.plan(item.plan());
            Optional<AddOn> addOn = item.addOn() == null ? Optional.empty() : version.addOn(item.addOn());
            if (plan.isEmpty() && addOn.isEmpty()) {
                String given = item.plan() != null ? "plan" : "addOn";
                errors.put(
                        field + "." + given,
                        "'" + (item.plan() != null ? item.plan() : item.addOn()) + "' is not a "
                                + (item.plan() != null ? "plan" : "add-on") + " of the catalog");
                continue;
            }
            int quantity = item.quantity() == null ? 1 : item.quantity();
            if (quantity < 1 || quantity > 100_000) {
                errors.put(field + ".quantity", "must be 1 to 100,000");
            }
            List<Price> prices = prices(item.prices(), currency, term, field, errors);
            items.add(
                    plan.isPresent()
                            ? new Item(
                                    Item.Kind.PLAN,
                                    plan.get().code(),
                                    plan.get().product(),
                                    version.product(plan.get().product())
                                            .map(product ->
                                                    com.abacus.catalog.CatalogNames.planName(product, plan.get()))
                                            .orElse(plan.get().name()),
                                    quantity,
                                    prices)
                            : new Item(
                                    Item.Kind.ADDON,
                                    addOn.get().code(),
                                    addOn.get().product(),
                                    addOn.get().name(),
                                    quantity,
                                    prices));
        }
        return items;
    }

    /** A ramp: steps from month 1, each later than the one before, all within the term. */
    static List<Price> prices(
            @Nullable List<NewQuote.NewPrice> requested,
            @Nullable String currency,
            @Nullable Integer term,
            String field,
            Map<String, String> errors) {
        List<Price> prices = new ArrayList<>();
        if (requested == null || requested.isEmpty()) {
            errors.put(field + ".prices", "give the monthly price from month 1");
            return prices;
        }
        int previous = 0;
        for (int j = 0; j < requested.size(); j++) {
            NewQuote.NewPrice price = requested.get(j);
            String at = field + ".prices[" + j + "]";
            Integer from = price == null ? null : price.fromMonth();
            if (from == null) {
                errors.put(at + ".fromMonth", "is required");
                continue;
            }
            if (j == 0 && from != 1) {
                errors.put(at + ".fromMonth", "the ramp must cover the term from month 1");
            } else if (from <= previous) {
                errors.put(at + ".fromMonth", "must come after month " + previous);
            } else if (term != null && from > term) {
                errors.put(at + ".fromMonth", "is after the term's last month (" + term + ")");
            }
            previous = from;
            Money monthly =
                    currency == null ? null : QuoteFields.money(price.monthly(), currency, at + ".monthly", errors);
            if (monthly != null) {
                prices.add(new Price(from, monthly));
            }
        }
        return prices;
    }
}
