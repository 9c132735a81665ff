package com.abacus.checkout.internal;

import com.abacus.accounts.Accounts;
import com.abacus.checkout.PlaceOrder;
import com.abacus.payments.Cards;
import com.abacus.payments.PayPalAgreements;
import com.abacus.payments.PaymentMethod;
import com.abacus.payments.PaymentMethodRules;
import com.abacus.payments.PaymentMethodType;
import com.abacus.payments.SepaDebits;
import com.abacus.shared.InvalidInputException;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The payment method of an order: checked before the order is written (the account's currency and country allow it,
 * a card or IBAN is valid, a saved method is the account's and not revoked), then saved once the order is: a new
 * card, a PayPal agreement pending approval, or a SEPA mandate.
 */
@Component
public class OrderPaymentMethods {

    private final Cards cards;
    private final Accounts accounts;
    private final PaymentMethodRules methodRules;
    private final SepaDebits sepaDebits;
    private final PayPalAgreements payPal;

    OrderPaymentMethods(
            Cards cards,
            Accounts accounts,
            PaymentMethodRules methodRules,
            SepaDebits sepaDebits,
            PayPalAgreements payPal) {
        this.cards = cards;
        this.accounts = accounts;
        this.methodRules = methodRules;
        this.sepaDebits = sepaDebits;
        this.payPal = payPal;
    }

    /** @throws InvalidInputException naming the field, before anything is written */
    public void check(PlaceOrder command) {
        if (command.card() != null) {
            cards.validate(command.card());
        } else if (command.payPal()) {
            methodRules.require(PaymentMethodType.PAYPAL, command.currency(), null, "paymentMethod.paypal");
            if (command.trial()) {
                throw new InvalidInputException(
                        "paymentMethod.paypal",
                        "a trial needs a card or a SEPA mandate (PayPal is approved by a payment)");
            }
        } else if (command.sepaDebit() != null) {
            methodRules.require(
                    PaymentMethodType.SEPA_DEBIT, command.currency(), country(command), "paymentMethod.sepaDebit");
            sepaDebits.validate(command.sepaDebit(), "paymentMethod.sepaDebit");
        } else {
            PaymentMethod saved = cards.paymentMethods(command.accountId()).stream()
                    .filter(m -> command.paymentMethodId() != null
                            ? m.id().equals(command.paymentMethodId())
                            : m.isDefault())
                    .findFirst()
                    .orElseThrow(() -> command.paymentMethodId() != null
                            ? new InvalidInputException("paymentMethod.id", "is not a payment method of this account")
                            : new InvalidInputException("paymentMethod", "a payment method is required"));
            if (!saved.chargeable()) {
                throw new InvalidInputException("paymentMethod.id", "this mandate was revoked; choose another method");
            }
            // Only a SEPA mandate depends on the account's country; a card order reads no more than it did.
            methodRules.require(
                    saved.type(),
                    command.currency(),
                    saved.type() == PaymentMethodType.SEPA_DEBIT ? country(command) : null,
                    "paymentMethod.id");
        }
    }

    private String country(PlaceOrder command) {
        return accounts.get(command.accountId()).country();
    }

    /** Saves the order's new method, if it brought one; @return the method to charge (null: the default) */
    public UUID save(PlaceOrder command) {
        UUID methodId = command.paymentMethodId();
        if (command.card() != null) {
            methodId = cards.addCard(command.accountId(), command.card()).id();
        } else if (command.payPal()) {
            methodId = payPal.start(command.accountId(), command.currency()).id();
        } else if (command.sepaDebit() != null) {
            methodId = sepaDebits.add(command.accountId(), command.sepaDebit()).id();
        }
        return methodId;
    }
}
