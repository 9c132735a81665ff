package com.abacus.catalog;

import com.abacus.shared.Money;
import java.util.Map;
import java.util.Optional;

/**
 * A plan as published in one catalog version. {@code rank} orders a product's plans: moving to a higher rank is an
 * upgrade, to a lower rank a downgrade. {@code taxInclusive}: its prices include tax (catalog {@code tax_inclusive:
 * true}), whatever the currency; otherwise they include it only in the currencies configured so.
 */
public record Plan(
        String code,
        String product,
        String name,
        BillingInterval interval,
        int rank,
        int trialDays,
        Map<String, Money> prices,
        Map<String, FeatureValue> features,
        boolean taxInclusive) {

    public Optional<Money> price(String currency) {
        return Optional.ofNullable(prices.get(currency));
    }

    public boolean isAnnual() {
        return interval == BillingInterval.YEAR;
    }
}
