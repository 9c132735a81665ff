package com.abacus.taxes;

import com.abacus.taxes.internal.TaxRuleFiles;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The tax rules of the repository's files ({@code src/main/resources/tax}), loaded and checked at start. */
@Component
public class TaxRules {

    private final List<TaxRule> rules;

    TaxRules() {
        this.rules = TaxRuleFiles.load("classpath:tax/*.yaml");
    }

    public List<TaxRule> all() {
        return rules;
    }

    /** The rule of a jurisdiction in force on {@code day}: the latest whose date is on or before it. */
    public Optional<TaxRule> on(String jurisdiction, LocalDate day) {
        return rules.stream()
                .filter(rule ->
                        rule.jurisdiction().equals(jurisdiction) && !rule.from().isAfter(day))
                .max(Comparator.comparing(TaxRule::from));
    }
}
