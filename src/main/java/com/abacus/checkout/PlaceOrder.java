package com.abacus.checkout;

import com.abacus.payments.CardInput;
import com.abacus.shared.AccountId;
import java.util.Map;
import java.util.UUID;

/**
 * @param card a new card to save and charge; or
 * @param paymentMethodId a card the account already saved (null with no card: the default card)
 * @param trial start the plan's free trial instead of paying now (a card is still saved for when it ends)
 */
public record PlaceOrder(
        AccountId accountId,
        String planCode,
        String currency,
        Map<String, Integer> addOns,
        CardInput card,
        UUID paymentMethodId,
        boolean trial,
        String idempotencyKey) {}
