package com.abacus.checkout;

import com.abacus.payments.CardInput;
import com.abacus.payments.SepaDebitInput;
import com.abacus.shared.AccountId;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * @param card a new card to save and charge; or
 * @param paymentMethodId a method the account already saved (null with no card: the default method)
 * @param payPal pay with PayPal: the order waits for the customer's approval on PayPal's page
 * @param sepaDebit pay by SEPA Direct Debit from this account under a mandate: the order completes at once, the invoice
 *     is paid when the debit settles
 * @param trial start the plan's free trial instead of paying now (a card is still saved for when it ends)
 * @param promotionCode a promotion code the customer typed; null for none
 */
public record PlaceOrder(
        AccountId accountId,
        String planCode,
        String currency,
        Map<String, Integer> addOns,
        CardInput card,
        UUID paymentMethodId,
        boolean payPal,
        SepaDebitInput sepaDebit,
        boolean trial,
        String idempotencyKey,
        @Nullable String promotionCode) {}
