package com.abacus.admin;

import java.time.Instant;
import java.util.UUID;

/** One staff action, as recorded: who, what, on what, when, why. */
public record AuditEntry(
        long id,
        Instant at,
        String actor,
        String roles,
        String action,
        String targetType,
        String targetId,
        UUID accountId,
        String reason,
        String detail) {}
