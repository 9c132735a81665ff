package com.abacus.payments;

import com.abacus.shared.AccountId;
import java.time.Instant;
import org.springframework.modulith.events.Externalized;

/** Money was captured. {@code reference} says what for (e.g. {@code order:…}, {@code invoice:…}). */
@Externalized("abacus.payments::#{#this.accountId().toString()}")
public record PaymentSucceeded(PaymentId paymentId, AccountId accountId, long amountMinor, String currency,
        Processor processor, String reference, Instant at) {}
