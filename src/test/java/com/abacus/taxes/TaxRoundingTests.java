package com.abacus.taxes;

import static org.assertj.core.api.Assertions.assertThat;

import com.abacus.shared.Money;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The worked table of ARCHITECTURE.md ("Tax"): each line's tax rounded once, half-up at the currency's scale; with an
 * inclusive price, net is rounded and tax is the rest, so net + tax is the price exactly.
 */
class TaxRoundingTests {

    @ParameterizedTest
    @CsvSource({
        // currency, line amount, rate %, inclusive, tax, net, gross
        "EUR, 12.34, 19, false, 2.34, 12.34, 14.68", // 2.3446 → 2.34
        "EUR, 0.05, 19, false, 0.01, 0.05, 0.06", // 0.0095 → 0.01 (half-up)
        "EUR, 49.00, 25.5, false, 12.50, 49.00, 61.50", // 12.495 → 12.50
        "EUR, -12.34, 19, false, -2.34, -12.34, -14.68", // a credit mirrors its charge
        "GBP, 29.99, 20, false, 6.00, 29.99, 35.99", // 5.998 → 6.00
        "JPY, 1000, 10, false, 100, 1000, 1100",
        "JPY, 3750, 10, true, 341, 3409, 3750", // 3750 ÷ 1.1 = 3409.09 → net 3409, tax 341
        "JPY, 1234, 10, true, 112, 1122, 1234", // 1121.82 → 1122, tax 112
        "JPY, 5, 10, true, 0, 5, 5", // 4.545 → 5: too small to hold a yen of tax
        "CAD, 100.00, 13, false, 13.00, 100.00, 113.00",
        "AUD, 10.01, 10, true, 0.91, 9.10, 10.01", // 9.1 exactly → tax 0.91
    })
    void eachLineIsRoundedOnce(
            String currency, String amount, String rate, boolean inclusive, String tax, String net, String gross) {
        TaxTreatment treatment = new TaxTreatment(
                TaxTreatment.Kind.TAXED, "XX", "Tax", new BigDecimal(rate), "XX Tax " + rate + "%", null, inclusive);
        Money line = Money.parse(amount, currency);
        LineTax lineTax = treatment.assess(line);
        assertThat(lineTax.tax()).isEqualTo(Money.parse(tax, currency));
        assertThat(lineTax.netOf(line)).isEqualTo(Money.parse(net, currency));
        assertThat(lineTax.grossOf(line)).isEqualTo(Money.parse(gross, currency));
    }
}
