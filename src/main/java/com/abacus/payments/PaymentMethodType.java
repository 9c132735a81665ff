package com.abacus.payments;

import java.util.Locale;

/** The kinds of saved payment method: cards, PayPal billing agreements and SEPA Direct Debit mandates. */
public enum PaymentMethodType {
    CARD,
    PAYPAL,
    SEPA_DEBIT;

    /** As the API writes it: {@code card}, {@code paypal}, {@code sepa_debit}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** As a person reads it: Card, PayPal, SEPA Direct Debit. */
    public String label() {
        return switch (this) {
            case CARD -> "Card";
            case PAYPAL -> "PayPal";
            case SEPA_DEBIT -> "SEPA Direct Debit";
        };
    }

    /** @throws com.abacus.shared.InvalidInputException naming {@code method} for anything else */
    public static PaymentMethodType fromWire(String wire) {
        for (PaymentMethodType type : values()) {
            if (type.wire().equals(wire)) {
                return type;
            }
        }
        throw new com.abacus.shared.InvalidInputException("method", "must be card, paypal or sepa_debit");
    }
}
