package com.abacus.taxes.internal;

import com.abacus.taxes.TaxRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the tax rule files ({@code classpath:tax/*.yaml}) and checks them: every rate a number from 0 to 30 percent,
 * dates in order, no jurisdiction in two files. A file that breaks a rule stops the application, like a bad catalog.
 */
public final class TaxRuleFiles {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private TaxRuleFiles() {}

    public static List<TaxRule> load(String pattern) {
        List<TaxRule> rules = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            for (Resource file : new PathMatchingResourcePatternResolver().getResources(pattern)) {
                rules.addAll(parse(file.getFilename(), file.getContentAsString(StandardCharsets.UTF_8), problems));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> seen = new HashSet<>();
        rules.stream()
                .filter(rule -> !seen.add(rule.jurisdiction() + "@" + rule.from()))
                .forEach(rule -> problems.add(rule.file() + ": " + rule.jurisdiction() + " is given twice"));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Tax rule files are invalid: " + String.join("; ", problems));
        }
        return rules;
    }

    /** The rules of one file; what is wrong with it goes to {@code problems}. */
    @SuppressWarnings("unchecked")
    public static List<TaxRule> parse(String file, String yaml, List<String> problems) {
        Map<String, Object> tree = YAML.readValue(yaml, Map.class);
        List<TaxRule> rules = new ArrayList<>();
        Object tax = tree.get("tax");
        if (!(tax instanceof String taxName) || taxName.isBlank()) {
            problems.add(file + ": 'tax' (the tax's name) is required");
            return rules;
        }
        boolean reverseCharge = Boolean.TRUE.equals(tree.get("reverse_charge_b2b"));
        String note = tree.get("reverse_charge_note") instanceof String s ? s : null;
        if (reverseCharge && note == null) {
            problems.add(file + ": reverse_charge_b2b needs its reverse_charge_note");
        }
        boolean optional = Boolean.TRUE.equals(tree.get("optional"));
        if (!(tree.get("rates") instanceof Map<?, ?> rates) || rates.isEmpty()) {
            problems.add(file + ": 'rates' must list jurisdictions");
            return rules;
        }
        rates.forEach((jurisdiction, periods) -> {
            String where = file + ": " + jurisdiction;
            if (!String.valueOf(jurisdiction).matches("[A-Z]{2}(-[A-Z]{2})?")) {
                problems.add(where + " is not a country (DE) or a country's state (CA-ON)");
                return;
            }
            if (!(periods instanceof List<?> list) || list.isEmpty()) {
                problems.add(where + " needs at least one {from, rate}");
                return;
            }
            LocalDate previous = null;
            for (Object entry : list) {
                Map<String, Object> period = entry instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                LocalDate from = date(period.get("from"));
                BigDecimal rate = rate(period.get("rate"));
                if (from == null) {
                    problems.add(where + ": 'from' must be a date (2024-09-01)");
                    continue;
                }
                if (rate == null || rate.signum() < 0 || rate.compareTo(BigDecimal.valueOf(30)) > 0) {
                    problems.add(where + " from " + from + ": 'rate' must be a percentage from 0 to 30, quoted");
                    continue;
                }
                if (previous != null && !from.isAfter(previous)) {
                    problems.add(where + ": rates must be listed oldest first (" + from + " after " + previous + ")");
                }
                previous = from;
                String name = period.get("tax") instanceof String s ? s : taxName;
                rules.add(new TaxRule(
                        String.valueOf(jurisdiction), name, rate, from, reverseCharge ? note : null, optional, file));
            }
        });
        return rules;
    }

    private static LocalDate date(Object value) {
        try {
            return value == null ? null : LocalDate.parse(String.valueOf(value));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static BigDecimal rate(Object value) {
        if (!(value instanceof String text)) {
            // An unquoted 25.5 would be read as a binary fraction first; rates are quoted so they stay exact.
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
