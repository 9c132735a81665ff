package com.abacus.taxes;

import com.abacus.accounts.Account;
import com.abacus.accounts.AccountBillingDetails;
import com.abacus.accounts.Accounts;
import com.abacus.accounts.BillingAddress;
import com.abacus.accounts.BillingDetails;
import com.abacus.accounts.TaxId;
import com.abacus.shared.AccountId;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * How an account is taxed on a day, decided in this order:
 *
 * <ol>
 *   <li>exempt by staff: nothing charged, the reason printed;
 *   <li>the jurisdiction is the billing address's country (with its state or province in the US and Canada); an
 *       account without a billing address, or in a jurisdiction without a rule, is not taxed (the console shows it);
 *   <li>a business buyer (a tax id of the jurisdiction's kind, an EU VAT number verified by VIES) of a jurisdiction
 *       whose rules reverse charge, in another country than the seller: reverse charged at 0% with the legal note;
 *   <li>otherwise the jurisdiction's rate on that day (the buyer's rate, for consumers as for businesses).
 * </ol>
 *
 * The day is the invoice's date in the account's time zone. Prices are inclusive in the currencies configured so.
 */
@Service
public class TaxDecisions {

    private static final Set<String> EU = Set.of(
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
            "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");

    private final TaxRules rules;
    private final TaxSettings settings;
    private final Accounts accounts;
    private final AccountBillingDetails billingDetails;
    private final Clock clock;

    TaxDecisions(
            TaxRules rules,
            TaxSettings settings,
            Accounts accounts,
            AccountBillingDetails billingDetails,
            Clock clock) {
        this.rules = rules;
        this.settings = settings;
        this.accounts = accounts;
        this.billingDetails = billingDetails;
        this.clock = clock;
    }

    /** The account's treatment now (for a quote or a charge about to be made). */
    public TaxTreatment now(AccountId account, String currency) {
        Account found = accounts.get(account);
        return decide(found, billingDetails.of(account), currency, clock.instant());
    }

    public TaxTreatment decide(Account account, BillingDetails details, String currency, Instant at) {
        boolean inclusive = settings.inclusiveCurrencies().contains(currency);
        if (details.taxExempt()) {
            return new TaxTreatment(
                    TaxTreatment.Kind.EXEMPT,
                    null,
                    "Tax",
                    BigDecimal.ZERO,
                    "exempt",
                    "Exempt from tax: " + details.taxExemptReason(),
                    inclusive);
        }
        BillingAddress address = details.address();
        if (address == null) {
            return TaxTreatment.notTaxed("no billing address", inclusive);
        }
        String jurisdiction = jurisdiction(address);
        LocalDate day = at.atZone(account.timeZone()).toLocalDate();
        Optional<TaxRule> found = rules.on(jurisdiction, day);
        if (found.isEmpty()) {
            return TaxTreatment.notTaxed("no tax rule for " + jurisdiction, inclusive);
        }
        TaxRule rule = found.get();
        if (rule.optional() && !settings.usSalesTax()) {
            return TaxTreatment.notTaxed(rule.tax() + " not collected in " + jurisdiction, inclusive);
        }
        String country = jurisdiction.substring(0, 2);
        if (rule.reverseChargeNote() != null
                && businessOf(country, details)
                && !country.equals(settings.seller().country())) {
            return new TaxTreatment(
                    TaxTreatment.Kind.REVERSE_CHARGED,
                    jurisdiction,
                    rule.tax(),
                    BigDecimal.ZERO,
                    rule.id() + ", reverse charge",
                    rule.reverseChargeNote(),
                    inclusive);
        }
        return new TaxTreatment(
                TaxTreatment.Kind.TAXED, jurisdiction, rule.tax(), rule.rate(), rule.id(), null, inclusive);
    }

    private static String jurisdiction(BillingAddress address) {
        boolean byState = address.country().equals("US") || address.country().equals("CA");
        return byState ? address.country() + "-" + address.state() : address.country();
    }

    /** A business buyer of this country: its tax id is of the country's kind (an EU one verified by VIES). */
    private static boolean businessOf(String country, BillingDetails details) {
        TaxId taxId = details.taxId();
        if (taxId == null) {
            return false;
        }
        if (EU.contains(country)) {
            return taxId.type().equals("eu_vat") && details.taxIdStatus() == BillingDetails.TaxIdStatus.VERIFIED;
        }
        return country.equals(taxId.country());
    }
}
