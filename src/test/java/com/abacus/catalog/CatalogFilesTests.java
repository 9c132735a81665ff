package com.abacus.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.abacus.catalog.internal.CatalogDiffer;
import com.abacus.catalog.internal.CatalogSources;
import com.abacus.shared.Money;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The catalog as product teams change it: every file in src/main/resources/catalog must pass, and a bad change fails
 * with a message naming the file and the field.
 */
class CatalogFilesTests {

    static final Set<String> REQUIRED = Set.of("USD", "EUR", "GBP", "JPY");

    static Map<String, String> shippedFiles() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(Path.of("src/main/resources/catalog"))) {
            for (Path path : paths.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                files.put(path.getFileName().toString(), Files.readString(path));
            }
        }
        return files;
    }

    @Test
    void everyShippedCatalogFileIsValid() throws IOException {
        List<Product> products = CatalogSources.of(shippedFiles()).parse(REQUIRED, List.of());
        assertThat(products).isNotEmpty();
        for (Product product : products) {
            assertThat(product.plans())
                    .allSatisfy(plan -> assertThat(plan.prices()).containsKeys("USD", "EUR", "GBP", "JPY"));
        }
        Plan pro = products.stream()
                .flatMap(p -> p.plans().stream())
                .filter(p -> p.code().equals("edge-pro-monthly"))
                .findFirst()
                .orElseThrow();
        assertThat(pro.price("JPY")).contains(Money.parse("7500", "JPY"));
        assertThat(pro.features().get("load_balancers")).isEqualTo(FeatureValue.limit(5));
        assertThat(pro.features().get("image_resizing")).isEqualTo(FeatureValue.of(true));
        assertThat(products.stream().flatMap(p -> p.plans().stream()).map(Plan::interval))
                .contains(BillingInterval.MONTH, BillingInterval.YEAR);
        assertThat(products.stream().flatMap(p -> p.usageCharges().stream()))
                .isNotEmpty()
                .allSatisfy(u -> assertThat(u.monthlyCap()).containsKeys("USD", "EUR", "GBP", "JPY"));
    }

    static final String VALID = """
            product: demo
            name: Demo
            features:
              seats: { type: limit, name: Seats }
              sso: { type: boolean, name: SSO }
            plans:
              - code: demo-basic
                name: Basic
                interval: month
                rank: 10
                prices: { USD: "10.00", EUR: "9.00", GBP: "8.00", JPY: "1500" }
                features: { seats: 5, sso: false }
            """;

    static List<CatalogProblem> problems(String yaml) {
        try {
            CatalogSources.of(Map.of("demo.yaml", yaml)).parse(REQUIRED, List.of());
            return List.of();
        } catch (InvalidCatalogException e) {
            return e.problems();
        }
    }

    @Test
    void aValidFixtureHasNoProblems() {
        assertThat(problems(VALID)).isEmpty();
    }

    @Test
    void aMissingCurrencyIsNamedByFileAndField() {
        var found = problems(VALID.replace(", JPY: \"1500\"", ""));
        assertThat(found)
                .containsExactly(new CatalogProblem("demo.yaml", "plans[0].prices.JPY", "price in JPY is required"));
        assertThat(new InvalidCatalogException(found).getMessage())
                .contains("demo.yaml: plans[0].prices.JPY: price in JPY is required");
    }

    @Test
    void overPreciseAndFloatingPointPricesAreRejected() {
        assertThat(problems(VALID.replace("JPY: \"1500\"", "JPY: \"1500.5\"")))
                .extracting(CatalogProblem::field)
                .containsExactly("plans[0].prices.JPY");
        assertThat(problems(VALID.replace("USD: \"10.00\"", "USD: \"10.001\"")))
                .extracting(CatalogProblem::field)
                .containsExactly("plans[0].prices.USD");
        assertThat(problems(VALID.replace("USD: \"10.00\"", "USD: \"ten\"")))
                .extracting(CatalogProblem::message)
                .containsExactly("'ten' is not a decimal amount");
    }

    @Test
    void unknownCurrenciesFeaturesAndFieldsAreNamed() {
        assertThat(problems(VALID.replace("GBP: \"8.00\"", "GBP: \"8.00\", XYZ: \"1.00\"")))
                .extracting(CatalogProblem::field)
                .containsExactly("plans[0].prices.XYZ");
        assertThat(problems(VALID.replace(
                        "features: { seats: 5, sso: false }", "features: { seats: 5, sso: false, bogus: 1 }")))
                .containsExactly(
                        new CatalogProblem("demo.yaml", "plans[0].features.bogus", "is not declared under features"));
        assertThat(problems(
                        VALID.replace("features: { seats: 5, sso: false }", "features: { seats: true, sso: false }")))
                .extracting(CatalogProblem::field)
                .containsExactly("plans[0].features.seats");
        assertThat(problems(VALID.replace("rank: 10", "rank: 10\n    colour: blue")))
                .extracting(CatalogProblem::field)
                .containsExactly("plans[0].colour");
        assertThat(problems(VALID.replace("interval: month", "interval: fortnight")))
                .extracting(CatalogProblem::field)
                .containsExactly("plans[0].interval");
    }

    @Test
    void brokenReferencesAndDuplicatesAreNamed() {
        String withAddOn = VALID + """
                addons:
                  - code: extra-seat
                    name: Extra seat
                    prices: { USD: "1.00", EUR: "1.00", GBP: "1.00", JPY: "150" }
                    features: { seats: 1 }
                    plans: [demo-pro]
                """;
        assertThat(problems(withAddOn))
                .containsExactly(
                        new CatalogProblem("demo.yaml", "addons[0].plans[0]", "refers to unknown plan 'demo-pro'"));
        String duplicate = VALID + VALID.substring(VALID.indexOf("  - code")).replace("features:", "features:");
        assertThat(problems(duplicate)).extracting(CatalogProblem::message).anyMatch(m -> m.contains("used twice"));
    }

    /**
     * A partial package: priced per unit by default; rounded up to whole packages with {@code package_rounding: up};
     * anything else is refused, naming the field. 1,234 units at USD 0.50 per 1,000 (JPY 75):
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        // package_rounding (default: not stated), quantity, currency, charged (major units)
        "default, 1234, USD, 0.62", // per unit: 1.234 × 0.50 = 0.617, rounded once
        "per_unit, 1234, USD, 0.62",
        "up, 1234, USD, 1.00", // billed as 2,000
        "up, 2000, USD, 1.00", // a whole number of packages is itself
        "up, 1234, JPY, 150",
        "default, 1234, JPY, 93", // 1.234 × 75 = 92.55, half up
        "up, 0, USD, 0.00",
    })
    void aPartialPackageIsPricedPerUnitUnlessItSaysUp(String rounding, long quantity, String currency, String charged) {
        String usage =
                VALID + """
                usage_charges:
                  - code: api-calls
                    name: API calls
                    metric: api_calls
                    package_size: 1000
                """ + (rounding.equals("default") ? "" : "    package_rounding: " + rounding + "\n") + """
                    tiers:
                      - prices: { USD: "0.50", EUR: "0.50", GBP: "0.50", JPY: "75" }
                """;
        var charge = CatalogSources.of(Map.of("demo.yaml", usage))
                .parse(REQUIRED, List.of())
                .get(0)
                .usageCharges()
                .get(0);
        var rated = charge.rate(quantity, currency);
        assertThat(rated.amount()).isEqualTo(Money.parse(charged, currency));
        assertThat(rated.quantity()).isEqualTo(quantity);
    }

    @Test
    void aPlanIsTaxInclusiveOnlyWhenItSaysTrue() {
        String inclusive = VALID.replace("    rank: 10\n", "    rank: 10\n    tax_inclusive: true\n");
        assertThat(problems(inclusive)).isEmpty();
        Plan plan = CatalogSources.of(Map.of("demo.yaml", inclusive))
                .parse(REQUIRED, List.of())
                .get(0)
                .plans()
                .get(0);
        assertThat(plan.taxInclusive()).isTrue();
        assertThat(CatalogSources.of(Map.of("demo.yaml", VALID))
                        .parse(REQUIRED, List.of())
                        .get(0)
                        .plans()
                        .get(0)
                        .taxInclusive())
                .isFalse();
        assertThat(problems(VALID.replace("    rank: 10\n", "    rank: 10\n    tax_inclusive: maybe\n")))
                .containsExactly(new CatalogProblem("demo.yaml", "plans[0].tax_inclusive", "must be true or false"));
    }

    @Test
    void anUnknownPackageRoundingIsNamed() {
        String usage = VALID + """
                usage_charges:
                  - code: api-calls
                    name: API calls
                    metric: api_calls
                    package_size: 1000
                    package_rounding: nearest
                    tiers:
                      - prices: { USD: "0.50", EUR: "0.50", GBP: "0.50", JPY: "75" }
                """;
        assertThat(problems(usage))
                .containsExactly(new CatalogProblem(
                        "demo.yaml", "usage_charges[0].package_rounding", "must be up or per_unit (the default)"));
    }

    @Test
    void tiersMustGrowAndEndUnbounded() {
        String usage = VALID + """
                usage_charges:
                  - code: api-calls
                    name: API calls
                    metric: api_calls
                    tiers:
                      - up_to: 1000
                        prices: { USD: "0.00", EUR: "0.00", GBP: "0.00", JPY: "0" }
                      - up_to: 500
                        prices: { USD: "1.00", EUR: "1.00", GBP: "1.00", JPY: "100" }
                """;
        assertThat(problems(usage))
                .extracting(CatalogProblem::field)
                .containsExactlyInAnyOrder("usage_charges[0].tiers[1].up_to", "usage_charges[0].tiers[1].up_to");
    }

    @Test
    void aPlanMayNotLoseAPriceItHadInThePublishedVersion() {
        List<Product> published = CatalogSources.of(Map.of("demo.yaml", VALID)).parse(REQUIRED, List.of());
        String withoutGbp = VALID.replace(", GBP: \"8.00\"", "");
        assertThatThrownBy(() -> CatalogSources.of(Map.of("demo.yaml", withoutGbp))
                        .parse(Set.of("USD", "EUR", "JPY"), published))
                .isInstanceOf(InvalidCatalogException.class)
                .hasMessageContaining(
                        "demo.yaml: plans[0].prices.GBP: plan 'demo-basic' had a GBP price in the published catalog");
    }

    @Test
    void commentsAndFormattingDoNotMakeANewVersion() {
        String reformatted =
                "# a comment\n" + VALID.replace("{ seats: 5, sso: false }", "\n      seats: 5\n      sso: false");
        assertThat(CatalogSources.of(Map.of("demo.yaml", reformatted)).checksum())
                .isEqualTo(CatalogSources.of(Map.of("demo.yaml", VALID)).checksum());
        assertThat(CatalogSources.of(Map.of("demo.yaml", VALID.replace("10.00", "11.00")))
                        .checksum())
                .isNotEqualTo(CatalogSources.of(Map.of("demo.yaml", VALID)).checksum());
    }

    @Test
    void theDiffSaysWhichPricesChange() {
        List<Product> before = CatalogSources.of(Map.of("demo.yaml", VALID)).parse(REQUIRED, List.of());
        List<Product> after = CatalogSources.of(Map.of(
                        "demo.yaml",
                        VALID.replace("EUR: \"9.00\"", "EUR: \"9.50\"").replace("seats: 5", "seats: 6")))
                .parse(REQUIRED, before);
        assertThat(CatalogDiffer.diff(before, after))
                .containsExactly(
                        new CatalogChange(
                                CatalogChange.Kind.PRICE_CHANGED, "demo", "demo-basic", "prices.EUR", "9.00", "9.50"),
                        new CatalogChange(
                                CatalogChange.Kind.FEATURE_CHANGED, "demo", "demo-basic", "features.seats", "5", "6"));
    }
}
