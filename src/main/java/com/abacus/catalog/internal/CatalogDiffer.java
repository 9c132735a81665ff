package com.abacus.catalog.internal;

import com.abacus.catalog.AddOn;
import com.abacus.catalog.CatalogChange;
import com.abacus.catalog.CatalogChange.Kind;
import com.abacus.catalog.FeatureValue;
import com.abacus.catalog.Plan;
import com.abacus.catalog.Product;
import com.abacus.catalog.UsageCharge;
import com.abacus.shared.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What changes between two catalogs, plan by plan and currency by currency, in a stable order. */
public final class CatalogDiffer {

    private CatalogDiffer() {}

    public static List<CatalogChange> diff(List<Product> before, List<Product> after) {
        List<CatalogChange> changes = new ArrayList<>();
        Map<String, Product> oldProducts = index(before, Product::code);
        Map<String, Product> newProducts = index(after, Product::code);
        for (String code : union(oldProducts.keySet(), newProducts.keySet())) {
            Product old = oldProducts.get(code);
            Product now = newProducts.get(code);
            if (old == null) {
                changes.add(new CatalogChange(Kind.PRODUCT_ADDED, code, null, "product", null, now.name()));
                now.plans()
                        .forEach(p -> changes.add(
                                new CatalogChange(Kind.PLAN_ADDED, code, p.code(), "plan", null, p.name())));
                continue;
            }
            if (now == null) {
                changes.add(new CatalogChange(Kind.PRODUCT_REMOVED, code, null, "product", old.name(), null));
                old.plans()
                        .forEach(p -> changes.add(
                                new CatalogChange(Kind.PLAN_REMOVED, code, p.code(), "plan", p.name(), null)));
                continue;
            }
            if (!old.changes().equals(now.changes())) {
                changes.add(new CatalogChange(
                        Kind.OTHER,
                        code,
                        null,
                        "changes",
                        old.changes().toString(),
                        now.changes().toString()));
            }
            plans(code, old, now, changes);
            Map<String, AddOn> oldAddOns = index(old.addOns(), AddOn::code);
            Map<String, AddOn> newAddOns = index(now.addOns(), AddOn::code);
            for (String addOn : union(oldAddOns.keySet(), newAddOns.keySet())) {
                if (!Objects.equals(oldAddOns.get(addOn), newAddOns.get(addOn))) {
                    changes.add(new CatalogChange(
                            Kind.ADDON_CHANGED,
                            code,
                            null,
                            "addons." + addOn,
                            describe(oldAddOns.get(addOn)),
                            describe(newAddOns.get(addOn))));
                }
            }
            Map<String, UsageCharge> oldUsage = index(old.usageCharges(), UsageCharge::code);
            Map<String, UsageCharge> newUsage = index(now.usageCharges(), UsageCharge::code);
            for (String usage : union(oldUsage.keySet(), newUsage.keySet())) {
                if (!Objects.equals(oldUsage.get(usage), newUsage.get(usage))) {
                    changes.add(new CatalogChange(
                            Kind.USAGE_CHARGE_CHANGED,
                            code,
                            null,
                            "usage_charges." + usage,
                            describe(oldUsage.get(usage)),
                            describe(newUsage.get(usage))));
                }
            }
        }
        return changes;
    }

    private static void plans(String product, Product old, Product now, List<CatalogChange> changes) {
        Map<String, Plan> oldPlans = index(old.plans(), Plan::code);
        Map<String, Plan> newPlans = index(now.plans(), Plan::code);
        for (String code : union(oldPlans.keySet(), newPlans.keySet())) {
            Plan before = oldPlans.get(code);
            Plan after = newPlans.get(code);
            if (before == null) {
                changes.add(new CatalogChange(Kind.PLAN_ADDED, product, code, "plan", null, after.name()));
                continue;
            }
            if (after == null) {
                changes.add(new CatalogChange(Kind.PLAN_REMOVED, product, code, "plan", before.name(), null));
                continue;
            }
            for (String currency :
                    union(before.prices().keySet(), after.prices().keySet())) {
                Money was = before.prices().get(currency);
                Money is = after.prices().get(currency);
                if (was == null) {
                    changes.add(new CatalogChange(
                            Kind.PRICE_ADDED, product, code, "prices." + currency, null, is.toPlainString()));
                } else if (is == null) {
                    changes.add(new CatalogChange(
                            Kind.PRICE_REMOVED, product, code, "prices." + currency, was.toPlainString(), null));
                } else if (!was.equals(is)) {
                    changes.add(new CatalogChange(
                            Kind.PRICE_CHANGED,
                            product,
                            code,
                            "prices." + currency,
                            was.toPlainString(),
                            is.toPlainString()));
                }
            }
            for (String feature :
                    union(before.features().keySet(), after.features().keySet())) {
                FeatureValue was = before.features().get(feature);
                FeatureValue is = after.features().get(feature);
                if (!Objects.equals(was, is)) {
                    changes.add(new CatalogChange(
                            Kind.FEATURE_CHANGED,
                            product,
                            code,
                            "features." + feature,
                            was == null ? null : was.toString(),
                            is == null ? null : is.toString()));
                }
            }
            for (var field : List.<Map.Entry<String, Function<Plan, Object>>>of(
                    Map.entry("name", Plan::name),
                    Map.entry("rank", Plan::rank),
                    Map.entry("trial_days", Plan::trialDays))) {
                Object was = field.getValue().apply(before);
                Object is = field.getValue().apply(after);
                if (!was.equals(is)) {
                    changes.add(new CatalogChange(
                            Kind.OTHER, product, code, field.getKey(), String.valueOf(was), String.valueOf(is)));
                }
            }
        }
    }

    private static String describe(Object value) {
        return value == null ? null : value.toString();
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.toMap(key, Function.identity(), (a, b) -> a, TreeMap::new));
    }

    private static TreeSet<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
