package com.abacus.catalog;

import com.abacus.shared.Money;
import java.util.Map;
import java.util.Set;

/** Something bought on top of a plan; its numeric features add to the plan's limits per unit bought. */
public record AddOn(
        String code,
        String product,
        String name,
        Map<String, Money> prices,
        Map<String, FeatureValue> features,
        Set<String> plans) {}
