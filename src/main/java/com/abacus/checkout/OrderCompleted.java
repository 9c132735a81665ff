package com.abacus.checkout;

import com.abacus.shared.AccountId;
import java.time.Instant;

/** An order was paid (or its trial started) and its subscription change applied. */
public record OrderCompleted(
        OrderId orderId,
        AccountId accountId,
        String kind,
        String subscriptionId,
        String paymentId,
        long amountMinor,
        String currency,
        Instant at) {}
