package com.abacus.taxes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.abacus.taxes.internal.TaxRuleFiles;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tax rule files in the repository load, cover what we sell into, and say the rate of each day. */
class TaxRuleFilesTests {

    private static final List<TaxRule> RULES = TaxRuleFiles.load("classpath:tax/*.yaml");

    private static TaxRule on(String jurisdiction, String day) {
        return RULES.stream()
                .filter(r -> r.jurisdiction().equals(jurisdiction) && !r.from().isAfter(LocalDate.parse(day)))
                .max(java.util.Comparator.comparing(TaxRule::from))
                .orElseThrow();
    }

    @Test
    void everyEuMemberStateHasAStandardRateAndReverseCharges() {
        Set<String> eu = RULES.stream()
                .filter(r -> r.file().equals("eu.yaml"))
                .map(TaxRule::jurisdiction)
                .collect(Collectors.toSet());
        assertThat(eu)
                .containsExactlyInAnyOrder(
                        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
                        "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");
        assertThat(RULES.stream().filter(r -> r.file().equals("eu.yaml")))
                .allSatisfy(r -> assertThat(r.reverseChargeNote()).contains("Article 196"));
    }

    @ParameterizedTest
    @CsvSource({
        // jurisdiction, day, rate, tax
        "DE, 2026-12-01, 19, VAT",
        "DE, 2020-10-01, 16, VAT", // the 2020 cut, 1 July to 31 December
        "FI, 2024-08-31, 24, VAT",
        "FI, 2024-09-01, 25.5, VAT", // a rate change applies from its date
        "EE, 2025-07-01, 24, VAT",
        "SK, 2025-01-01, 23, VAT",
        "RO, 2025-08-01, 21, VAT",
        "HU, 2026-12-01, 27, VAT",
        "GB, 2026-12-01, 20, VAT",
        "JP, 2019-09-30, 8, Consumption tax",
        "JP, 2026-12-01, 10, Consumption tax",
        "AU, 2026-12-01, 10, GST",
        "CA-ON, 2026-12-01, 13, HST",
        "CA-NS, 2025-03-31, 15, HST",
        "CA-NS, 2025-04-01, 14, HST",
        "CA-BC, 2026-12-01, 5, GST",
        "CA-QC, 2026-12-01, 5, GST",
        "US-WA, 2026-12-01, 6.5, Sales tax",
    })
    void theRateOfADayIsTheLastOneInForce(String jurisdiction, String day, String rate, String tax) {
        TaxRule rule = on(jurisdiction, day);
        assertThat(rule.rate()).isEqualByComparingTo(new BigDecimal(rate));
        assertThat(rule.tax()).isEqualTo(tax);
    }

    @Test
    void everyCanadianProvinceAndTerritoryIsCoveredAndUsSalesTaxIsOptional() {
        assertThat(RULES.stream()
                        .filter(r -> r.jurisdiction().startsWith("CA-"))
                        .map(TaxRule::jurisdiction)
                        .distinct())
                .hasSize(13);
        assertThat(RULES.stream().filter(r -> r.jurisdiction().startsWith("US-")))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.optional()).isTrue());
        assertThat(RULES.stream().filter(r -> !r.jurisdiction().startsWith("US-")))
                .allSatisfy(r -> assertThat(r.optional()).isFalse());
    }

    @Test
    void aBrokenFileSaysWhatIsWrongWithIt() {
        List<String> problems = new ArrayList<>();
        TaxRuleFiles.parse("bad.yaml", """
                tax: VAT
                reverse_charge_b2b: true
                rates:
                  DE: [{from: 2021-01-01, rate: 19}]
                  FR: [{from: 2014-01-01, rate: "200"}]
                  XX-1: [{from: 2014-01-01, rate: "20"}]
                  IT: [{from: 2020-01-01, rate: "22"}, {from: 2013-10-01, rate: "22"}]
                  ES: [{rate: "21"}]
                """, problems);
        assertThat(problems)
                .containsExactlyInAnyOrder(
                        "bad.yaml: reverse_charge_b2b needs its reverse_charge_note",
                        "bad.yaml: DE from 2021-01-01: 'rate' must be a percentage from 0 to 30, quoted",
                        "bad.yaml: FR from 2014-01-01: 'rate' must be a percentage from 0 to 30, quoted",
                        "bad.yaml: XX-1 is not a country (DE) or a country's state (CA-ON)",
                        "bad.yaml: IT: rates must be listed oldest first (2013-10-01 after 2020-01-01)",
                        "bad.yaml: ES: 'from' must be a date (2024-09-01)");
    }

    @Test
    void aJurisdictionInTwoFilesStopsTheLoad() {
        assertThatThrownBy(() -> TaxRuleFiles.load("classpath*:tax-duplicate/*.yaml"))
                .hasMessageContaining("DE is given twice");
    }
}
