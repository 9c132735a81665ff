package com.abacus.entitlements;

import com.abacus.shared.AccountId;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A time-limited grant by staff: a plan's features, or a chosen feature set, for N days. Expires by itself.
 *
 * @param features for a feature-set trial: feature to value ("true" or a number); empty for a plan trial
 */
public record TrialGrant(
        UUID id,
        AccountId accountId,
        String planCode,
        Map<String, String> features,
        Instant startsAt,
        Instant endsAt,
        String reason,
        String grantedBy,
        Instant revokedAt) {

    public boolean activeAt(Instant instant) {
        return revokedAt == null && !instant.isBefore(startsAt) && instant.isBefore(endsAt);
    }
}
