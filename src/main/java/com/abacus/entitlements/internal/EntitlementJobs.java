package com.abacus.entitlements.internal;

import com.abacus.entitlements.internal.cache.EntitlementCache;
import com.abacus.shared.AccountId;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Time makes entitlements change too: trials and overrides end, grace periods run out. Each snapshot records when it
 * next lapses; this job (one instance at a time) recomputes those that are due.
 */
@Component
public class EntitlementJobs {

    private static final Logger log = LoggerFactory.getLogger(EntitlementJobs.class);

    private final EntitlementRepository repository;
    private final SnapshotService snapshots;
    private final EntitlementCache cache;
    private final EntitlementSettings settings;
    private final Clock clock;
    private volatile long lastSyncStartedNanos;
    /** The Redis server last synced with; another id means Redis restarted. Null at start: the first sync is full. */
    private volatile String lastRedisRunId;

    EntitlementJobs(
            EntitlementRepository repository,
            SnapshotService snapshots,
            EntitlementCache cache,
            EntitlementSettings settings,
            Clock clock) {
        this.repository = repository;
        this.snapshots = snapshots;
        this.cache = cache;
        this.settings = settings;
        this.clock = clock;
        this.lastSyncStartedNanos = System.nanoTime();
    }

    @Scheduled(fixedDelayString = "${abacus.entitlements.expiry-interval:PT30S}", initialDelayString = "PT15S")
    @SchedulerLock(name = "entitlements-expiry", lockAtMostFor = "PT5M")
    public void expireScheduled() {
        expireDue();
    }

    /**
     * Repairs Redis after an outage: compares the version Redis holds of each snapshot changed since the last
     * successful sync (plus an overlap) with PostgreSQL's, and pushes and re-announces the ones Redis has older. Cheap
     * when nothing was lost (two queries, no writes). After Redis restarted (its run id changed) it looks back as far
     * as a copy may live, since a restart may restore old copies from disk. A sync that meets a Redis failure does not
     * move the mark, so changes made during an outage are compared once Redis is back.
     */
    @Scheduled(fixedDelayString = "${abacus.entitlements.redis-sync-interval:PT5S}", initialDelayString = "PT5S")
    @SchedulerLock(name = "entitlements-redis-sync", lockAtMostFor = "PT1M")
    public void syncRedis() {
        long started = System.nanoTime();
        Optional<String> runId = cache.redisRunId();
        if (runId.isEmpty()) {
            return;
        }
        Duration window = runId.get().equals(lastRedisRunId)
                ? Duration.ofNanos(started - lastSyncStartedNanos).plus(settings.redisSyncOverlap())
                : settings.redisTtl();
        Map<AccountId, Long> changed = repository.versionsChangedWithin(window, 100_000);
        int repaired = cache.repairStale(changed, repository::find);
        if (repaired >= 0) {
            if (repaired > 0) {
                log.info("Pushed {} entitlement snapshots that Redis held in an older version", repaired);
            }
            lastSyncStartedNanos = started;
            lastRedisRunId = runId.get();
        }
    }

    /** @return how many accounts were recomputed */
    public int expireDue() {
        int count = 0;
        for (AccountId account : repository.dueForRecompute(clock.instant(), 1000)) {
            snapshots.refresh(account);
            count++;
        }
        if (count > 0) {
            log.info("Recomputed entitlements of {} accounts whose trials, overrides or grace periods lapsed", count);
        }
        return count;
    }
}
