package com.abacus.contracts;

import java.time.Instant;
import java.util.UUID;

/** A quote was accepted and became a contract; {@code signedReference} is the signature's reference, if given. */
public record ContractSigned(
        UUID contractId, UUID quoteId, String accountId, String signedBy, String signedReference, Instant at) {}
