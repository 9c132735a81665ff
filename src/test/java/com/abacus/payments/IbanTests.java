package com.abacus.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.abacus.shared.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** IBANs as customers type them: accepted when the country, length and check digits hold, refused by name otherwise. */
class IbanTests {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "DE89 3704 0044 0532 0130 00      | DE | 3000",
                "de89370400440532013000           | DE | 3000",
                "FR14 2004 1010 0505 0001 3M02 606 | FR | 2606",
                "NL91 ABNA 0417 1643 00           | NL | 4300",
                "GB29 NWBK 6016 1331 9268 19      | GB | 6819",
                "AT61 1904 3002 3457 3201         | AT | 3201",
                "BE68 5390 0754 7034              | BE | 7034",
                "ES91 2100 0418 4502 0005 1332    | ES | 1332",
                "IT60 X054 2811 1010 0000 0123 456 | IT | 3456"
            })
    void validIbansKeepOnlyCountryAndLastFour(String input, String country, String last4) {
        Iban iban = Iban.parse(input);
        assertThat(iban.country()).isEqualTo(country);
        assertThat(iban.last4()).isEqualTo(last4);
        assertThat(iban.toString())
                .isEqualTo(country + " •••• " + last4)
                .doesNotContain(iban.number().substring(4, 12));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "DE88 3704 0044 0532 0130 00 | wrong check digits",
                "DE89 3704 0044 0532 0130 01 | wrong check digits",
                "DE89 3704 0044 0532 0130    | must have 22 characters for DE",
                "US12 3456 7890 1234         | not from a SEPA country",
                "1234 5678                   | not an IBAN",
                "DE89-3704-0044-0532-0130-00 | not an IBAN",
                "''                          | not an IBAN"
            })
    void invalidIbansAreRefusedNamingTheField(String input, String message) {
        assertThatThrownBy(() -> Iban.parse(input))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e ->
                        assertThat(((InvalidInputException) e).fieldErrors()).containsKey("iban"))
                .satisfies(e -> assertThat(
                                ((InvalidInputException) e).fieldErrors().get("iban"))
                        .contains(message));
    }
}
