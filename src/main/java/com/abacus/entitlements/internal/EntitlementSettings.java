package com.abacus.entitlements.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param pastDueGrace how long a past-due subscription keeps its entitlements while dunning retries the charge
 * @param nearCacheSize accounts kept in each instance's in-process cache
 * @param revalidateAfter a near-cache entry older than this is checked against Redis/PostgreSQL (invalidations keep it
 *     fresh; this bounds staleness when an invalidation message was missed)
 * @param redisTtl how long snapshots stay in Redis without being read
 * @param redisRetryAfter after a Redis failure, how long reads skip Redis before trying it again
 * @param redisSyncOverlap how far back each Redis sync looks beyond the previous one (covers transactions that
 *     committed late)
 */
@ConfigurationProperties("abacus.entitlements")
public record EntitlementSettings(
        @DefaultValue("7d") Duration pastDueGrace,
        @DefaultValue("200000") int nearCacheSize,
        @DefaultValue("60s") Duration revalidateAfter,
        @DefaultValue("1d") Duration redisTtl,
        @DefaultValue("2s") Duration redisRetryAfter,
        @DefaultValue("30s") Duration redisSyncOverlap) {}
