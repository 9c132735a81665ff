package com.abacus.entitlements;

import com.abacus.shared.AccountId;
import java.time.Instant;
import java.util.UUID;

/**
 * A manual value for one feature (enterprise deals, support goodwill). Replaces whatever plans and trials grant.
 *
 * @param value "true", "false" or a limit
 * @param expiresAt null: until revoked
 */
public record EntitlementOverride(
        UUID id,
        AccountId accountId,
        String feature,
        String value,
        String reason,
        String grantedBy,
        Instant createdAt,
        Instant expiresAt,
        Instant revokedAt) {

    public boolean activeAt(Instant instant) {
        return revokedAt == null && (expiresAt == null || instant.isBefore(expiresAt));
    }
}
