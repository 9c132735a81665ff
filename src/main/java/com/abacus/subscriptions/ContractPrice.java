package com.abacus.subscriptions;

import com.abacus.shared.AccountId;
import com.abacus.shared.Money;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An enterprise contract's negotiated price for one plan and currency, entered by staff. Checkout and renewals use it
 * instead of the catalog price while it is valid.
 */
public record ContractPrice(
        AccountId accountId,
        String planCode,
        Money price,
        String terms,
        LocalDate validUntil,
        String createdBy,
        Instant createdAt) {}
