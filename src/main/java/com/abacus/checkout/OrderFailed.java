package com.abacus.checkout;

import com.abacus.shared.AccountId;
import java.time.Instant;

/** An order ended without payment; no subscription was started or changed. */
public record OrderFailed(OrderId orderId, AccountId accountId, String failureCode, Instant at) {}
