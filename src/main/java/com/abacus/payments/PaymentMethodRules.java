package com.abacus.payments;

import com.abacus.payments.internal.SlotCapabilities;
import com.abacus.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Which payment methods an account may pay with, from its currency and country: cards always; PayPal in the currencies
 * PayPal settles for us (USD, EUR, GBP, JPY); SEPA Direct Debit in EUR for accounts in a SEPA country. And a method is
 * offered only while some processor slot is configured to take it in that currency.
 */
@Service
public class PaymentMethodRules {

    static final Set<String> PAYPAL_CURRENCIES = Set.of("USD", "EUR", "GBP", "JPY");

    private final SlotCapabilities capabilities;

    PaymentMethodRules(SlotCapabilities capabilities) {
        this.capabilities = capabilities;
    }

    /** The methods offered to an account paying in {@code currency} from {@code country}, cards first. */
    public List<PaymentMethodType> offered(String currency, String country) {
        List<PaymentMethodType> offered = new ArrayList<>();
        for (PaymentMethodType type : PaymentMethodType.values()) {
            if (refusal(type, currency, country) == null) {
                offered.add(type);
            }
        }
        return offered;
    }

    /**
     * Refuses a method the account cannot pay with, naming the field.
     *
     * @throws InvalidInputException naming {@code field}
     */
    public void require(PaymentMethodType type, String currency, String country, String field) {
        String refusal = refusal(type, currency, country);
        if (refusal != null) {
            throw new InvalidInputException(field, refusal);
        }
    }

    /** Why the method cannot be used here, or null when it can. */
    private String refusal(PaymentMethodType type, String currency, String country) {
        String rule = switch (type) {
            case CARD -> null;
            case PAYPAL ->
                PAYPAL_CURRENCIES.contains(currency) ? null : "PayPal takes USD, EUR, GBP and JPY, not " + currency;
            case SEPA_DEBIT ->
                !"EUR".equals(currency)
                        ? "SEPA Direct Debit takes EUR only, not " + currency
                        : country != null && !Iban.SEPA_LENGTHS.containsKey(country)
                                ? "SEPA Direct Debit is for accounts in SEPA countries, not " + country
                                : null;
        };
        if (rule != null) {
            return rule;
        }
        boolean someSlot = capabilities.takes(Processor.LEGACY, type, currency)
                || capabilities.takes(Processor.NEW, type, currency);
        return someSlot ? null : "no processor is configured to take " + type.wire() + " in " + currency;
    }
}
