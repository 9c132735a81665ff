package com.abacus.accounts;

import java.time.Instant;
import java.util.UUID;

/** A key a customer created for their own programs. Only its hash is stored, so the key itself is never shown again. */
public record CustomerApiKey(UUID id, String name, Instant createdAt, Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
