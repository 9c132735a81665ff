package com.abacus.payments;

import com.abacus.shared.AccountId;
import java.time.Instant;
import org.springframework.modulith.events.Externalized;

/**
 * A charge ended without money moving (declined, authentication abandoned, or never reached the processor).
 * {@code settledByCharge} as in {@link PaymentSucceeded}: true when the charging call itself learned the outcome.
 */
@Externalized("abacus.payments::#{#this.accountId().toString()}")
public record PaymentFailed(PaymentId paymentId, AccountId accountId, long amountMinor, String currency,
        Processor processor, String reference, String failureCode, boolean settledByCharge, Instant at) {}
