package com.abacus.payments;

import java.util.Locale;

/** The kinds of saved payment method. Only cards can be saved yet; PayPal and SEPA Direct Debit come with issue 18. */
public enum PaymentMethodType {
    CARD,
    PAYPAL,
    SEPA_DEBIT;

    /** As the API writes it: {@code card}, {@code paypal}, {@code sepa_debit}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
