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
import com.abacus.catalog.UsageTier;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads one product file. Every problem is collected with the file and the field path (e.g. {@code
 * plans[2].prices.EUR}) so a bad pull request fails with a message a product manager can act on.
 */
public class CatalogParser {

    static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final String CODE = "[a-z0-9][a-z0-9_-]{0,62}";
    private static final Set<String> TOP_LEVEL =
            Set.of("product", "name", "description", "changes", "features", "plans", "addons", "usage_charges");

    private final String file;
    private final List<CatalogProblem> problems;

    private CatalogParser(String file, List<CatalogProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    /** Parses a product file; problems are added to {@code problems}; returns null when the file is unusable. */
    public static Product parse(String file, String yaml, List<CatalogProblem> problems) {
        return new CatalogParser(file, problems).product(yaml);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readTree(String yaml) {
        Object tree = YAML.readValue(yaml, Object.class);
        return tree instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
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
            UsageCharge charge = usageCharge(usageNodes.get(i), "usage_charges[" + i + "]", product, planCodes);
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
        unknownKeys(map, field, Set.of("code", "name", "interval", "rank", "trial_days", "prices", "features"));
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
        if (code == null || name == null || interval == null || rank == null || trialDays == null) {
            return null;
        }
        return new Plan(code, product, name, interval, rank.intValue(), trialDays.intValue(), prices, features);
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

    private UsageCharge usageCharge(Object node, String field, String product, Set<String> planCodes) {
        Map<String, Object> map = map(node, field);
        if (map == null) {
            return null;
        }
        unknownKeys(map, field, Set.of("code", "name", "metric", "package_size", "tiers", "monthly_cap", "plans"));
        String code = code(map, "code", field + ".code");
        String name = text(map, "name", field + ".name");
        String metric = code(map, "metric", field + ".metric");
        Long packageSize = map.containsKey("package_size")
                ? number(map.get("package_size"), field + ".package_size", true, 1, 1_000_000_000L)
                : Long.valueOf(1);
        List<UsageTier> tiers = new ArrayList<>();
        List<Object> tierNodes = list(map.get("tiers"), field + ".tiers", true);
        long previous = 0;
        for (int i = 0; i < tierNodes.size(); i++) {
            String tierField = field + ".tiers[" + i + "]";
            Map<String, Object> tier = map(tierNodes.get(i), tierField);
            if (tier == null) {
                continue;
            }
            unknownKeys(tier, tierField, Set.of("up_to", "prices"));
            Long upTo = tier.get("up_to") == null
                    ? null
                    : number(tier.get("up_to"), tierField + ".up_to", true, 1, Long.MAX_VALUE);
            if (upTo == null && i != tierNodes.size() - 1) {
                problem(tierField + ".up_to", "only the last tier may be unbounded");
            }
            if (upTo != null && upTo <= previous) {
                problem(tierField + ".up_to", "must be greater than the previous tier's up_to (" + previous + ")");
            }
            if (upTo != null && i == tierNodes.size() - 1) {
                problem(tierField + ".up_to", "the last tier must be unbounded (leave up_to out)");
            }
            previous = upTo == null ? previous : upTo;
            tiers.add(new UsageTier(upTo, prices(tier.get("prices"), tierField + ".prices", true)));
        }
        Map<String, Money> cap = prices(map.get("monthly_cap"), field + ".monthly_cap", false);
        Set<String> plans = planReferences(map.get("plans"), field + ".plans", planCodes);
        if (code == null || name == null || metric == null || packageSize == null) {
            return null;
        }
        for (int i = 0; i < tiers.size(); i++) {
            if (!tiers.get(i).prices().keySet().equals(tiers.get(0).prices().keySet())) {
                problem(field + ".tiers[" + i + "].prices", "must list the same currencies as the first tier");
            }
        }
        return new UsageCharge(code, product, name, metric, packageSize, List.copyOf(tiers), cap, plans);
    }

    private Set<String> planReferences(Object node, String field, Set<String> planCodes) {
        if (node == null) {
            return Set.copyOf(planCodes);
        }
        Set<String> plans = new LinkedHashSet<>();
        List<Object> items = list(node, field, false);
        for (int i = 0; i < items.size(); i++) {
            String code = String.valueOf(items.get(i));
            if (!planCodes.contains(code)) {
                problem(field + "[" + i + "]", "refers to unknown plan '" + code + "'");
            }
            plans.add(code);
        }
        return Set.copyOf(plans);
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

    private Map<String, Money> prices(Object node, String field, boolean required) {
        Map<String, Money> prices = new TreeMap<>();
        if (node == null) {
            if (required) {
                problem(field, "is required");
            }
            return prices;
        }
        Map<String, Object> map = map(node, field);
        if (map == null) {
            return prices;
        }
        map.forEach((currency, amount) -> {
            String path = field + "." + currency;
            BigDecimal decimal;
            if (amount instanceof BigDecimal d) {
                decimal = d;
            } else if (amount instanceof Number n) {
                decimal = new BigDecimal(n.toString());
            } else if (amount instanceof String s) {
                try {
                    decimal = new BigDecimal(s);
                } catch (NumberFormatException e) {
                    problem(path, "'" + s + "' is not a decimal amount");
                    return;
                }
            } else {
                problem(path, "must be an amount such as \"20.00\"");
                return;
            }
            try {
                Money money = Money.of(decimal, Money.currency(currency));
                if (money.isNegative()) {
                    problem(path, "must not be negative");
                    return;
                }
                prices.put(currency, money);
            } catch (InvalidInputException e) {
                problem(path, e.getMessage());
            }
        });
        if (required
                && prices.isEmpty()
                && problems.stream().noneMatch(p -> p.field().startsWith(field))) {
            problem(field, "must list at least one currency");
        }
        return prices;
    }

    private void unknownKeys(Map<String, Object> map, String field, Set<String> known) {
        map.keySet().stream()
                .filter(k -> !known.contains(k))
                .forEach(k -> problem(field + "." + k, "is not a known field"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Object node, String field) {
        if (node instanceof Map<?, ?> map) {
            return (Map<String, Object>) new LinkedHashMap<>(map);
        }
        problem(field, "must be a mapping");
        return null;
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object node, String field, boolean required) {
        if (node == null) {
            if (required) {
                problem(field, "is required");
            }
            return List.of();
        }
        if (node instanceof List<?> list) {
            if (required && list.isEmpty()) {
                problem(field, "must not be empty");
            }
            return (List<Object>) list;
        }
        problem(field, "must be a list");
        return List.of();
    }

    private String text(Map<String, Object> map, String key, String field) {
        Object value = map.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            problem(field, "is required");
            return null;
        }
        return String.valueOf(value).trim();
    }

    private String code(Map<String, Object> map, String key, String field) {
        String value = text(map, key, field);
        if (value != null && !value.matches(CODE)) {
            problem(field, "'" + value + "' must be lower-case letters, digits, '_' or '-'");
            return null;
        }
        return value;
    }

    private Long number(Object value, String field, boolean required, long min, long max) {
        if (value == null) {
            if (required) {
                problem(field, "is required");
            }
            return null;
        }
        long n;
        if (value instanceof Integer || value instanceof Long) {
            n = ((Number) value).longValue();
        } else if (value instanceof java.math.BigInteger b && b.bitLength() < 63) {
            n = b.longValue();
        } else {
            problem(field, "must be a whole number");
            return null;
        }
        if (n < min || n > max) {
            problem(field, "must be between " + min + " and " + max);
            return null;
        }
        return n;
    }

    private void problem(String field, String message) {
        problems.add(new CatalogProblem(file, field, message));
    }
}
