package com.abacus.taxes;

import static org.assertj.core.api.Assertions.assertThat;

import com.abacus.accounts.Account;
import com.abacus.accounts.BillingAddress;
import com.abacus.accounts.BillingDetails;
import com.abacus.accounts.BillingDetails.TaxIdStatus;
import com.abacus.accounts.TaxId;
import com.abacus.shared.AccountId;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How an account is taxed, from its billing address, tax id and exemption (the rules of {@link TaxDecisions}). */
class TaxDecisionsTests {

    private static final Instant DAY = Instant.parse("2026-12-01T12:00:00Z");

    private static TaxDecisions decisions(boolean usSalesTax) {
        var settings = new TaxSettings(
                new TaxSettings.Seller("Abacus Billing Ltd", List.of("Dublin"), "IE3668997OH", "IE"),
                Set.of("JPY"),
                usSalesTax);
        return new TaxDecisions(new TaxRules(), settings, null, null, Clock.systemUTC());
    }

    private static Account account(String zone) {
        return new Account(
                AccountId.random(),
                "buyer@example.com",
                "Buyer",
                Currency.getInstance("EUR"),
                ZoneId.of(zone),
                null,
                DAY,
                false,
                null);
    }

    private static BillingDetails details(
            AccountId id,
            @Nullable String country,
            @Nullable String state,
            @Nullable TaxId taxId,
            @Nullable TaxIdStatus status,
            @Nullable String exempt) {
        return new BillingDetails(
                id,
                country == null ? null : BillingAddress.of("1 Main St", null, "Town", "1000", state, country, "a"),
                taxId,
                status,
                exempt,
                DAY);
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "-",
            value = {
                // country, state, tax id type, tax id, status, exempt, currency, kind, jurisdiction, rate
                "DE, -, -, -, -, -, EUR, TAXED, DE, 19", // B2C at the buyer's rate
                "FR, -, eu_vat, FR40303265045, VERIFIED, -, EUR, REVERSE_CHARGED, FR, 0", // EU B2B, verified
                "FR, -, eu_vat, FR40303265045, UNVERIFIED, -, EUR, TAXED, FR, 20", // VIES could not say: taxed
                "IE, -, eu_vat, IE6388047V, VERIFIED, -, EUR, TAXED, IE, 23", // same country as the seller
                "GB, -, gb_vat, GB980780684, NOT_CHECKED, -, GBP, REVERSE_CHARGED, GB, 0",
                "GB, -, -, -, -, -, GBP, TAXED, GB, 20",
                "JP, -, -, -, -, -, JPY, TAXED, JP, 10",
                "AU, -, au_abn, 51824753556, NOT_CHECKED, -, AUD, TAXED, AU, 10", // AU rules have no reverse charge
                "CA, ON, -, -, -, -, CAD, TAXED, CA-ON, 13",
                "CA, AB, -, -, -, -, CAD, TAXED, CA-AB, 5",
                "US, WA, -, -, -, -, USD, NOT_TAXED, -, 0", // US sales tax off by default
                "BR, -, -, -, -, -, USD, NOT_TAXED, -, 0", // no rule for the country
                "DE, -, -, -, -, registered charity, EUR, EXEMPT, -, 0",
            })
    void theDecisionFollowsTheRules(
            String country,
            String state,
            String taxIdType,
            String taxIdValue,
            String status,
            String exempt,
            String currency,
            TaxTreatment.Kind kind,
            String jurisdiction,
            String rate) {
        Account account = account("Europe/Dublin");
        TaxId taxId = taxIdType == null ? null : TaxId.of(taxIdType, taxIdValue, "taxId");
        TaxTreatment treatment = decisions(false)
                .decide(
                        account,
                        details(
                                account.id(),
                                country,
                                state,
                                taxId,
                                status == null ? null : TaxIdStatus.valueOf(status),
                                exempt),
                        currency,
                        DAY);
        assertThat(treatment.kind()).isEqualTo(kind);
        assertThat(treatment.jurisdiction()).isEqualTo(jurisdiction);
        assertThat(treatment.rate()).isEqualByComparingTo(new BigDecimal(rate));
        assertThat(treatment.inclusive()).isEqualTo(currency.equals("JPY"));
        if (kind == TaxTreatment.Kind.REVERSE_CHARGED) {
            assertThat(treatment.note()).startsWith("Reverse charge");
        }
        if (kind == TaxTreatment.Kind.EXEMPT) {
            assertThat(treatment.note()).isEqualTo("Exempt from tax: registered charity");
        }
    }

    @ParameterizedTest
    @CsvSource({"WA, 6.5", "TX, 6.25", "OR, 0"})
    void usSalesTaxWhenTurnedOnIsTheStatesBaseRate(String state, String rate) {
        Account account = account("America/Los_Angeles");
        TaxTreatment treatment =
                decisions(true).decide(account, details(account.id(), "US", state, null, null, null), "USD", DAY);
        assertThat(treatment.rate()).isEqualByComparingTo(new BigDecimal(rate));
    }

    @ParameterizedTest
    @CsvSource({"2024-08-31T20:00:00Z, 24", "2024-08-31T21:00:00Z, 25.5"})
    void theDayIsTheInvoicesDateInTheAccountsTimeZone(String at, String rate) {
        Account account = account("Europe/Helsinki"); // UTC+3 in summer: 21:00 UTC is already 1 September
        TaxTreatment treatment = decisions(false)
                .decide(account, details(account.id(), "FI", null, null, null, null), "EUR", Instant.parse(at));
        assertThat(treatment.rate()).isEqualByComparingTo(new BigDecimal(rate));
    }

    @ParameterizedTest
    @CsvSource({"EUR"})
    void withoutABillingAddressNothingIsTaxed(String currency) {
        Account account = account("Europe/Berlin");
        TaxTreatment treatment = decisions(false).decide(account, BillingDetails.none(account.id()), currency, DAY);
        assertThat(treatment.kind()).isEqualTo(TaxTreatment.Kind.NOT_TAXED);
        assertThat(treatment.rule()).isEqualTo("no billing address");
    }
}
