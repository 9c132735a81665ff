package com.abacus.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.abacus.shared.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tax ids are kept only when their format (and check digits, where they have some) could be right. */
class TaxIdTests {

    @ParameterizedTest
    @CsvSource({
        // type, as typed, kept as, country
        "eu_vat, DE 123 456 789, DE123456789, DE",
        "eu_vat, atu12345678, ATU12345678, AT",
        "eu_vat, FR40303265045, FR40303265045, FR",
        "eu_vat, NL123456789B01, NL123456789B01, NL",
        "eu_vat, EL094259216, EL094259216, GR",
        "eu_vat, IE6388047V, IE6388047V, IE",
        "eu_vat, ESX1234567L, ESX1234567L, ES",
        "eu_vat, SE556188840401, SE556188840401, SE",
        "gb_vat, GB 980 7806 84, GB980780684, GB",
        "au_abn, 51 824 753 556, 51824753556, AU",
        "jp_trn, T7000012050002, T7000012050002, JP",
        "ca_bn, 123456789RT0001, 123456789RT0001, CA",
        "us_ein, 12-3456789, 123456789, US",
    })
    void aWellFormedNumberIsKeptNormalised(String type, String typed, String kept, String country) {
        TaxId id = TaxId.of(type, typed, "taxId");
        assertThat(id.value()).isEqualTo(kept);
        assertThat(id.country()).isEqualTo(country);
    }

    @ParameterizedTest
    @CsvSource({
        "eu_vat, DE12345678", // one digit short
        "eu_vat, GR094259216", // Greece's VAT prefix is EL
        "eu_vat, US123456789", // not a member state
        "eu_vat, NL123456789A01",
        "eu_vat, SE556188840499", // Swedish numbers end in 01
        "gb_vat, GB12345",
        "au_abn, 51824753557", // check digits wrong
        "jp_trn, T8000012050002", // check digit wrong
        "jp_trn, 7000012050002", // the registration number starts with T
        "ca_bn, 12345678",
        "us_ein, 12-345678",
    })
    void aMalformedNumberIsRefusedNamingTheValue(String type, String typed) {
        assertThatThrownBy(() -> TaxId.of(type, typed, "taxId"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e ->
                        assertThat(((InvalidInputException) e).fieldErrors()).containsKey("taxId.value"));
    }

    @ParameterizedTest
    @CsvSource({"vat, DE123456789, taxId.type", "'', DE123456789, taxId.type", "eu_vat, '', taxId.value"})
    void aMissingOrUnknownTypeOrValueIsNamed(String type, String value, String field) {
        assertThatThrownBy(() -> TaxId.of(type, value, "taxId"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e ->
                        assertThat(((InvalidInputException) e).fieldErrors()).containsKey(field));
    }
}
