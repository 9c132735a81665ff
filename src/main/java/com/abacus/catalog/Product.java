package com.abacus.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

public record Product(
        String code,
        String name,
        ChangeRules changes,
        Map<String, FeatureDefinition> features,
        List<Plan> plans,
        List<AddOn> addOns,
        List<UsageCharge> usageCharges) {

    public Optional<Plan> plan(String code) {
        return plans.stream().filter(p -> p.code().equals(code)).findFirst();
    }
}
