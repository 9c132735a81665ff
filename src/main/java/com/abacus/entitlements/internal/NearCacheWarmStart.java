package com.abacus.entitlements.internal;

import com.abacus.entitlements.Entitlement;
import com.abacus.entitlements.internal.cache.CachedEntitlements;
import com.abacus.entitlements.internal.cache.EntitlementCache;
import com.abacus.entitlements.internal.cache.RenderedFeatures;
import com.abacus.entitlements.internal.cache.SnapshotJson;
import com.abacus.shared.AccountId;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;

/**
 * A starting instance loads the stored snapshots into its near cache in the background, most recently changed first,
 * up to the cache's size, streamed from a cursor so memory stays bounded by the cache. It reports ready for traffic
 * (the {@code entitlementWarmStart} member of the readiness group) once loaded, or after {@code warmStartBound} at the
 * latest: a deploy during a Redis failover then serves its first reads from memory instead of PostgreSQL. Changes
 * committed while it loaded are caught up afterwards, as after a lost Redis subscription.
 */
@Component("entitlementWarmStartHealthIndicator")
class NearCacheWarmStart implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(NearCacheWarmStart.class);
    private static final TypeReference<TreeMap<String, Entitlement>> FEATURES = new TypeReference<>() {};
    /** Distinct feature sets remembered by digest while loading, so equal ones are parsed once; cleared beyond this. */
    private static final int DIGESTS = 10_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final EntitlementCache cache;
    private final EntitlementSettings settings;
    private final AtomicLong loaded = new AtomicLong();
    private volatile long startedNanos = System.nanoTime();
    private volatile boolean done;

    NearCacheWarmStart(
            DataSource dataSource,
            PlatformTransactionManager transactions,
            EntitlementCache cache,
            EntitlementSettings settings) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(2_000);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.cache = cache;
        this.settings = settings;
    }

    @EventListener(ApplicationStartedEvent.class)
    void start() {
        startedNanos = System.nanoTime();
        if (!settings.warmStart()) {
            done = true;
            return;
        }
        Thread loader = new Thread(this::load, "entitlement-warm-start");
        loader.setDaemon(true);
        loader.start();
    }

    private void load() {
        Instant startedAt = Instant.now();
        try {
            Map<String, RenderedFeatures> byDigest = new HashMap<>();
            readOnly.executeWithoutResult(status -> jdbc.query(
                    """
                    select account_id, version, digest, features, computed_at, next_change_at from entitlement_snapshot
                    order by changed_at desc limit ?
                    """,
                    rs -> {
                        String digest = rs.getString("digest");
                        RenderedFeatures features = byDigest.get(digest);
                        if (features == null) {
                            if (byDigest.size() >= DIGESTS) {
                                byDigest.clear();
                            }
                            features = SnapshotJson.shared(
                                    EntitlementRepository.JSON.readValue(rs.getString("features"), FEATURES));
                            byDigest.put(digest, features);
                        }
                        Timestamp next = rs.getTimestamp("next_change_at");
                        cache.warm(new CachedEntitlements(
                                new AccountId(rs.getObject("account_id", UUID.class)),
                                rs.getLong("version"),
                                rs.getTimestamp("computed_at").toInstant(),
                                next == null ? null : next.toInstant(),
                                features,
                                System.nanoTime(),
                                false));
                        if (loaded.incrementAndGet() % 100_000 == 0) {
                            log.info("Entitlements warm start: {} snapshots loaded", loaded.get());
                        }
                    },
                    settings.nearCacheSize()));
            cache.catchUp(Duration.between(startedAt, Instant.now()).plus(settings.redisSyncOverlap()));
            log.info(
                    "Entitlements warm start: {} snapshots in memory after {} ms",
                    loaded.get(),
                    Duration.ofNanos(System.nanoTime() - startedNanos).toMillis());
        } catch (RuntimeException e) {
            log.warn("Entitlements warm start stopped after {} snapshots: {}", loaded.get(), e.toString());
        } finally {
            done = true;
        }
    }

    @Override
    public Health health() {
        long seconds = Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds();
        Health.Builder health = done || Duration.ofSeconds(seconds).compareTo(settings.warmStartBound()) >= 0
                ? Health.up()
                : Health.outOfService();
        return health.withDetail("loaded", loaded.get())
                .withDetail("finished", done)
                .build();
    }
}
