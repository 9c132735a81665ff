package com.abacus.payments;

import com.abacus.shared.AccountId;
import java.time.Instant;
import java.util.UUID;

/**
 * A saved payment method. For a card only brand and last four digits are kept; the card itself lives at the processors
 * as tokens.
 */
public record PaymentMethod(
        UUID id,
        AccountId accountId,
        String brand,
        String last4,
        int expMonth,
        int expYear,
        boolean onLegacy,
        boolean onNew,
        Instant migratedAt,
        boolean isDefault,
        PaymentMethodType type) {}
