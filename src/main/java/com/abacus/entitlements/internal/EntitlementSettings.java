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
 * @param missLoaders threads loading reads the near cache cannot answer, each a batch at a time
 * @param missBatchSize at most this many accounts per batch of misses
 * @param missTimeout how long a read waits for its miss to be loaded before answering 503
 * @param warmStart whether a starting instance loads the stored snapshots into its near cache
 * @param warmStartBound how long a starting instance reports not ready while it loads them, at most
 */
@ConfigurationProperties("abacus.entitlements")
public record EntitlementSettings(
        @DefaultValue("7d") Duration pastDueGrace,
        @DefaultValue("200000") int nearCacheSize,
        @DefaultValue("60s") Duration revalidateAfter,
        @DefaultValue("1d") Duration redisTtl,
        @DefaultValue("2s") Duration redisRetryAfter,
        @DefaultValue("30s") Duration redisSyncOverlap,
        @DefaultValue("8") int missLoaders,
        @DefaultValue("64") int missBatchSize,
        @DefaultValue("5s") Duration missTimeout,
        @DefaultValue("true") boolean warmStart,
        @DefaultValue("30s") Duration warmStartBound) {}
