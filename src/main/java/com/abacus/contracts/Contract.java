package com.abacus.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An accepted quote's terms, in force from {@code terms.startDate} to the day before {@code terms.endDate}. */
public record Contract(
        UUID id, String number, UUID quoteId, ContractTerms terms, Status status, String signedBy, Instant signedAt) {

    public enum Status {
        ACTIVE,
        ENDED
    }

    public LocalDate startDate() {
        return terms.startDate();
    }

    public LocalDate endDate() {
        return terms.endDate();
    }
}
