package com.abacus.contracts;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Contract terms offered to an account until {@code expiresAt}. A quote is never edited: once accepted it is the
 * contract's record ({@code contractId}); different terms are a new quote.
 */
public record Quote(
        UUID id,
        String number,
        ContractTerms terms,
        Status status,
        String createdBy,
        Instant createdAt,
        Instant expiresAt,
        @Nullable Instant acceptedAt,
        @Nullable String acceptedBy,
        @Nullable String signedReference,
        @Nullable UUID contractId) {

    public enum Status {
        OPEN,
        ACCEPTED,
        EXPIRED
    }

    /** Open until it expires; accepted for good. */
    public Status statusAt(Instant now) {
        if (status == Status.OPEN && !now.isBefore(expiresAt)) {
            return Status.EXPIRED;
        }
        return status;
    }
}
