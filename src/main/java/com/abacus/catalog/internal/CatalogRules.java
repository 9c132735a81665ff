package com.abacus.catalog.internal;

import com.abacus.catalog.AddOn;
import com.abacus.catalog.CatalogProblem;
import com.abacus.catalog.Plan;
import com.abacus.catalog.Product;
import com.abacus.catalog.UsageCharge;
import com.abacus.catalog.UsageTier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Rules that span files, and the rules a new version must keep towards the one before it. */
public final class CatalogRules {

    private CatalogRules() {}

    /**
     * @param products the parsed products with the file each came from
     * @param requiredCurrencies currencies every plan, add-on and usage charge must be priced in
     */
    public static void check(
            Map<String, Product> products, Set<String> requiredCurrencies, List<CatalogProblem> problems) {
        Map<String, String> productFiles = new HashMap<>();
        Map<String, String> codes = new HashMap<>();
        products.forEach((file, product) -> {
            String other = productFiles.putIfAbsent(product.code(), file);
            if (other != null) {
                problems.add(new CatalogProblem(
                        file, "product", "product '" + product.code() + "' is also defined in " + other));
            }
            for (int i = 0; i < product.plans().size(); i++) {
                Plan plan = product.plans().get(i);
                unique(codes, plan.code(), file, "plans[" + i + "].code", problems);
                missing(plan.prices().keySet(), requiredCurrencies, file, "plans[" + i + "].prices", problems);
            }
            for (int i = 0; i < product.addOns().size(); i++) {
                AddOn addOn = product.addOns().get(i);
                unique(codes, addOn.code(), file, "addons[" + i + "].code", problems);
                missing(addOn.prices().keySet(), requiredCurrencies, file, "addons[" + i + "].prices", problems);
            }
            Set<String> metrics = new TreeSet<>();
            for (int i = 0; i < product.usageCharges().size(); i++) {
                UsageCharge charge = product.usageCharges().get(i);
                unique(codes, charge.code(), file, "usage_charges[" + i + "].code", problems);
                if (!metrics.add(charge.metric())) {
                    problems.add(new CatalogProblem(
                            file,
                            "usage_charges[" + i + "].metric",
                            "metric '" + charge.metric() + "' is charged twice in this product"));
                }
                for (int t = 0; t < charge.tiers().size(); t++) {
                    UsageTier tier = charge.tiers().get(t);
                    missing(
                            tier.prices().keySet(),
                            requiredCurrencies,
                            file,
                            "usage_charges[" + i + "].tiers[" + t + "].prices",
                            problems);
                }
            }
        });
    }

    /** A plan may never lose a price in a currency it had: its subscribers in that currency could not renew. */
    public static void checkAgainstPrevious(
            Map<String, Product> proposed, List<Product> previous, List<CatalogProblem> problems) {
        Map<String, Plan> before = new HashMap<>();
        previous.forEach(p -> p.plans().forEach(plan -> before.put(plan.code(), plan)));
        proposed.forEach((file, product) -> {
            for (int i = 0; i < product.plans().size(); i++) {
                Plan plan = product.plans().get(i);
                Plan old = before.get(plan.code());
                if (old == null) {
                    continue;
                }
                for (String currency : new TreeSet<>(old.prices().keySet())) {
                    if (!plan.prices().containsKey(currency)) {
                        problems.add(new CatalogProblem(
                                file,
                                "plans[" + i + "].prices." + currency,
                                "plan '" + plan.code() + "' had a " + currency
                                        + " price in the published catalog and must keep one (subscribers in "
                                        + currency + " renew at it)"));
                    }
                }
                if (old.interval() != plan.interval()) {
                    problems.add(new CatalogProblem(
                            file,
                            "plans[" + i + "].interval",
                            "plan '" + plan.code()
                                    + "' cannot change its billing interval; publish a new plan instead"));
                }
            }
        });
    }

    private static void unique(
            Map<String, String> codes, String code, String file, String field, List<CatalogProblem> problems) {
        String other = codes.putIfAbsent(code, file + " " + field);
        if (other != null) {
            problems.add(new CatalogProblem(file, field, "code '" + code + "' is already used by " + other));
        }
    }

    private static void missing(
            Set<String> have, Set<String> required, String file, String field, List<CatalogProblem> problems) {
        for (String currency : new TreeSet<>(required)) {
            String at = field + "." + currency;
            boolean reported = problems.stream()
                    .anyMatch(p -> p.file().equals(file) && p.field().equals(at));
            if (!have.contains(currency) && !reported) {
                problems.add(new CatalogProblem(file, field + "." + currency, "price in " + currency + " is required"));
            }
        }
    }
}
