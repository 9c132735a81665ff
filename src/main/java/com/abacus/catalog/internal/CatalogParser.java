package com.abacus.catalog.internal;

import com.abacus.catalog.AddOn;
import com.abacus.catalog.BillingInterval;
import com.abacus.catalog.CatalogProblem;
import com.abacus.catalog.ChangeRules;
import com.abacus.catalog.ChangeTiming;
import com.abacus.catalog.FeatureDefinition;
import com.abacus.catalog.FeatureValue;
import com.abacus.catalog.Plan;
import com.abacus.catalog.Product;
import com.abacus.catalog.UsageCharge;
import com.abacus.shared.Money;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;

/**
 * Reads one product file. Every problem is collected with the file and the field path (e.g. {@code
 * plans[2].prices.EUR}) so a bad pull request fails with a message a product manager can act on.
 */
public class CatalogParser extends CatalogFields {

    private static final Set<String> TOP_LEVEL =
            Set.of("product", "name", "description", "changes", "features", "plans", "addons", "usage_charges");

    private CatalogParser(String file, List<CatalogProblem> problems) {
        super(file, problems);
    }

    /** Parses a product file; problems are added to {@code problems}; returns null when the file is unusable. */
    public static Product parse(String file, String yaml, List<CatalogProblem> problems) {
        return new CatalogParser(file, problems).product(yaml);
    }

    private Product product(String yaml) {
        Map<String, Object> root;
        try {
            root = readTree(yaml);
        } catch (JacksonException e) {
            problem("(file)", "is not valid YAML: " + e.getOriginalMessage());
            return null;
        }
        if (root == null) {
            problem("(file)", "must be a YAML mapping with product, name and plans");
            return null;
        }
        root.keySet().stream().filter(k -> !TOP_LEVEL.contains(k)).forEach(k -> problem(k, "is not a known field"));
        String product = code(root, "product", "product");
        String name = text(root, "name", "name");
        ChangeRules changes = changes(root.get("changes"));
        Map<String, FeatureDefinition> features = features(root.get("features"));
        List<Plan> plans = new ArrayList<>();
        List<Object> planNodes = list(root.get("plans"), "plans", true);
        for (int i = 0; i < planNodes.size(); i++) {
            Plan plan = plan(planNodes.get(i), "plans[" + i + "]", product, features);
            if (plan != null) {
                plans.add(plan);
            }
        }
        Set<String> planCodes = new LinkedHashSet<>();
        plans.forEach(p -> {
            if (!planCodes.add(p.code())) {
                problem("plans", "plan code '" + p.code() + "' is used twice");
            }
        });
        List<AddOn> addOns = new ArrayList<>();
        List<Object> addOnNodes = list(root.get("addons"), "addons", false);
        for (int i = 0; i < addOnNodes.size(); i++) {
            AddOn addOn = addOn(addOnNodes.get(i), "addons[" + i + "]", product, features, planCodes);
            if (addOn != null) {
                addOns.add(addOn);
            }
        }
        List<UsageCharge> usage = new ArrayList<>();
        List<Object> usageNodes = list(root.get("usage_charges"), "usage_charges", false);
        for (int i = 0; i < usageNodes.size(); i++) {
            UsageCharge charge = new UsageChargeParser(file, problems)
                    .usageCharge(usageNodes.get(i), "usage_charges[" + i + "]", product, planCodes);
            if (charge != null) {
                usage.add(charge);
            }
        }
        if (product == null || name == null) {
            return null;
        }
        return new Product(
                product, name, changes, features, List.copyOf(plans), List.copyOf(addOns), List.copyOf(usage));
    }

    private ChangeRules changes(Object node) {
        if (node == null) {
            return ChangeRules.DEFAULT;
        }
        Map<String, Object> map = map(node, "changes");
        if (map == null) {
            return ChangeRules.DEFAULT;
        }
        return new ChangeRules(
                timing(map.get("upgrade"), "changes.upgrade", ChangeRules.DEFAULT.upgrade()),
                timing(map.get("downgrade"), "changes.downgrade", ChangeRules.DEFAULT.downgrade()),
                timing(map.get("cancel"), "changes.cancel", ChangeRules.DEFAULT.cancel()));
    }

    private ChangeTiming timing(Object node, String field, ChangeTiming fallback) {
        if (node == null) {
            return fallback;
        }
        return switch (String.valueOf(node)) {
            case "immediate" -> ChangeTiming.IMMEDIATE;
            case "period_end" -> ChangeTiming.PERIOD_END;
            default -> {
                problem(field, "must be 'immediate' or 'period_end'");
                yield fallback;
            }
        };
    }

    private Map<String, FeatureDefinition> features(Object node) {
        Map<String, FeatureDefinition> features = new TreeMap<>();
        Map<String, Object> map = node == null ? Map.of() : map(node, "features");
        if (map == null) {
            return features;
        }
        map.forEach((code, value) -> {
            String field = "features." + code;
            if (!code.matches(CODE)) {
                problem(field, "feature code must be lower-case letters, digits, '_' or '-'");
            }
            Map<String, Object> definition = map(value, field);
            if (definition == null) {
                return;
            }
            String type = text(definition, "type", field + ".type");
            String name = text(definition, "name", field + ".name");
            if (type != null && !type.equals("boolean") && !type.equals("limit")) {
                problem(field + ".type", "must be 'boolean' or 'limit'");
                return;
            }
            if (type != null && name != null) {
                features.put(
                        code,
                        new FeatureDefinition(
                                code,
                                name,
                                type.equals("boolean")
                                        ? FeatureDefinition.Type.BOOLEAN
                                        : FeatureDefinition.Type.LIMIT));
            }
        });
        return features;
    }

    private Plan plan(Object node, String field, String product, Map<String, FeatureDefinition> definitions) {
        Map<String, Object> map = map(node, field);
        if (map == null) {
            return null;
        }
        unknownKeys(
                map,
                field,
                Set.of("code", "name", "interval", "rank", "trial_days", "prices", "features", "tax_inclusive"));
        String code = code(map, "code", field + ".code");
        String name = text(map, "name", field + ".name");
        BillingInterval interval = null;
        Object intervalNode = map.get("interval");
        if ("month".equals(intervalNode)) {
            interval = BillingInterval.MONTH;
        } else if ("year".equals(intervalNode)) {
            interval = BillingInterval.YEAR;
        } else {
            problem(field + ".interval", "must be 'month' or 'year'");
        }
        Long rank = number(map.get("rank"), field + ".rank", true, 0, 1000);
        Long trialDays = map.containsKey("trial_days")
                ? number(map.get("trial_days"), field + ".trial_days", true, 0, 365)
                : Long.valueOf(0);
        Map<String, Money> prices = prices(map.get("prices"), field + ".prices", true);
        Map<String, FeatureValue> features = featureValues(map.get("features"), field + ".features", definitions);
        boolean inclusive = flag(map.get("tax_inclusive"), field + ".tax_inclusive");
        if (code == null || name == null || interval == null || rank == null || trialDays == null) {
            return null;
        }
        return new Plan(
                code, product, name, interval, rank.intValue(), trialDays.intValue(), prices, features, inclusive);
    }

    private AddOn addOn(
            Object node,
            String field,
            String product,
            Map<String, FeatureDefinition> definitions,
            Set<String> planCodes) {
        Map<String, Object> map = map(node, field);
        if (map == null) {
            return null;
        }
        unknownKeys(map, field, Set.of("code", "name", "prices", "features", "plans"));
        String code = code(map, "code", field + ".code");
        String name = text(map, "name", field + ".name");
        Map<String, Money> prices = prices(map.get("prices"), field + ".prices", true);
        Map<String, FeatureValue> features = featureValues(map.get("features"), field + ".features", definitions);
        Set<String> plans = planReferences(map.get("plans"), field + ".plans", planCodes);
        return code == null || name == null ? null : new AddOn(code, product, name, prices, features, plans);
    }

    private Map<String, FeatureValue> featureValues(
            Object node, String field, Map<String, FeatureDefinition> definitions) {
        Map<String, FeatureValue> values = new TreeMap<>();
        Map<String, Object> map = node == null ? Map.of() : map(node, field);
        if (map == null) {
            return values;
        }
        map.forEach((code, value) -> {
            FeatureDefinition definition = definitions.get(code);
            String path = field + "." + code;
            if (definition == null) {
                problem(path, "is not declared under features");
                return;
            }
            if (definition.type() == FeatureDefinition.Type.BOOLEAN) {
                if (value instanceof Boolean enabled) {
                    values.put(code, FeatureValue.of(enabled));
                } else {
                    problem(path, "must be true or false");
                }
            } else {
                Long limit = number(value, path, true, 0, Long.MAX_VALUE / 1024);
                if (limit != null) {
                    values.put(code, FeatureValue.limit(limit));
                }
            }
        });
        return values;
    }
}
