package com.abacus.checkout.internal.web;

import java.util.Map;
import java.util.TreeMap;

/** The checkout form's field for each field the order API names ("card.number" is the form's "cardNumber"). */
final class CheckoutFields {

    private static final Map<String, String> FORM_FIELDS = Map.of(
            "card.number", "cardNumber",
            "card.expMonth", "expMonth",
            "card.expYear", "expYear",
            "card.cvc", "cvc",
            "paymentMethod.id", "paymentMethod",
            "paymentMethod.paypal", "paymentMethod",
            "paymentMethod.sepaDebit", "paymentMethod",
            "paymentMethod.sepaDebit.iban", "iban",
            "paymentMethod.sepaDebit.mandateAccepted", "mandateAccepted");

    private CheckoutFields() {}

    static Map<String, String> named(Map<String, String> errors) {
        Map<String, String> named = new TreeMap<>();
        errors.forEach((field, message) -> named.put(FORM_FIELDS.getOrDefault(field, field), message));
        return named;
    }
}
