package com.abacus.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** An immutable, numbered publication of the whole catalog. */
public record CatalogVersion(int number, String checksum, Instant publishedAt, List<Product> products) {

    public Optional<Plan> plan(String code) {
        return plans().filter(p -> p.code().equals(code)).findFirst();
    }

    public Stream<Plan> plans() {
        return products.stream().flatMap(p -> p.plans().stream());
    }

    public Optional<Product> product(String code) {
        return products.stream().filter(p -> p.code().equals(code)).findFirst();
    }

    public Optional<AddOn> addOn(String code) {
        return products.stream()
                .flatMap(p -> p.addOns().stream())
                .filter(a -> a.code().equals(code))
                .findFirst();
    }

    public List<UsageCharge> usageChargesFor(String planCode) {
        return products.stream()
                .flatMap(p -> p.usageCharges().stream())
                .filter(u -> u.plans().contains(planCode))
                .toList();
    }

    public Optional<UsageCharge> usageChargeForMetric(String planCode, String metric) {
        return usageChargesFor(planCode).stream()
                .filter(u -> u.metric().equals(metric))
                .findFirst();
    }
}
