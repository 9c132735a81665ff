package com.abacus.payments;

import com.abacus.shared.AccountId;
import com.abacus.shared.ChargeReference;
import com.abacus.shared.Money;
import java.util.UUID;

/**
 * @param paymentMethodId the card to charge; null charges the account's default card
 * @param idempotencyKey passed to the processor; the same key never charges twice
 * @param reference what the money is for (an order, an invoice); echoed in payment events
 */
public record ChargeRequest(
        AccountId accountId,
        UUID paymentMethodId,
        Money amount,
        String idempotencyKey,
        ChargeReference reference,
        String description) {

    /** The reference as payments stores it and sends it to the processor. */
    public String referenceWire() {
        return reference == null ? null : reference.wire();
    }
}
