package com.abacus.catalog.internal;

import com.abacus.catalog.CatalogProblem;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.Money;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reading the fields of a catalog file: each reader checks one field's type and bounds and, when it is wrong, records a
 * problem with the file and the field path instead of failing, so one run reports every mistake in the file.
 */
abstract class CatalogFields {

    static final String CODE = "[a-z0-9][a-z0-9_-]{0,62}";

    final String file;
    final List<CatalogProblem> problems;

    CatalogFields(String file, List<CatalogProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    Map<String, Money> prices(Object node, String field, boolean required) {
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

    void unknownKeys(Map<String, Object> map, String field, Set<String> known) {
        map.keySet().stream()
                .filter(k -> !known.contains(k))
                .forEach(k -> problem(field + "." + k, "is not a known field"));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(Object node, String field) {
        if (node instanceof Map<?, ?> map) {
            return (Map<String, Object>) new LinkedHashMap<>(map);
        }
        problem(field, "must be a mapping");
        return null;
    }

    @SuppressWarnings("unchecked")
    List<Object> list(Object node, String field, boolean required) {
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

    String text(Map<String, Object> map, String key, String field) {
        Object value = map.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            problem(field, "is required");
            return null;
        }
        return String.valueOf(value).trim();
    }

    String code(Map<String, Object> map, String key, String field) {
        String value = text(map, key, field);
        if (value != null && !value.matches(CODE)) {
            problem(field, "'" + value + "' must be lower-case letters, digits, '_' or '-'");
            return null;
        }
        return value;
    }

    /** An optional true/false field: false when it is absent. */
    boolean flag(Object value, String field) {
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        problem(field, "must be true or false");
        return false;
    }

    Long number(Object value, String field, boolean required, long min, long max) {
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

    void problem(String field, String message) {
        problems.add(new CatalogProblem(file, field, message));
    }

    Set<String> planReferences(Object node, String field, Set<String> planCodes) {
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

    static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    @SuppressWarnings("unchecked")
    static Map<String, Object> readTree(String yaml) {
        Object tree = YAML.readValue(yaml, Object.class);
        return tree instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }
}
