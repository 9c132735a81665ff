package com.abacus.entitlements.internal.cache;

import com.abacus.entitlements.EntitlementSnapshot;
import com.abacus.entitlements.internal.EntitlementRepository;
import com.abacus.shared.AccountId;
import com.abacus.shared.DomainException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Three levels: this instance's memory, Redis shared by all instances, PostgreSQL as the source of truth. Every
 * change reaches the other instances through Redis pub/sub within milliseconds; an entry older than
 * {@code revalidateAfter} is re-checked, which bounds staleness if a message was lost. When Redis is down, reads go to
 * PostgreSQL; when PostgreSQL is down too, the last known snapshot is served and marked stale.
 */
public class EntitlementCache {

    private static final Logger log = LoggerFactory.getLogger(EntitlementCache.class);

    private final Cache<AccountId, CachedEntitlements> near;
    private final RedisSnapshotStore redis;
    private final EntitlementRepository database;
    private final long revalidateAfterNanos;
    private final ChangeSignal changes;

    public EntitlementCache(
            RedisSnapshotStore redis,
            EntitlementRepository database,
            int size,
            Duration revalidateAfter,
            ChangeSignal changes) {
        this.near = Caffeine.newBuilder().maximumSize(size).build();
        this.changes = changes;
        this.redis = redis;
        this.database = database;
        this.revalidateAfterNanos = revalidateAfter.toNanos();
    }

    /**
     * What a batch of accounts missing from the near cache (or due for revalidation) was found as.
     *
     * @param found each account with a snapshot, fresh or (PostgreSQL down) the stale copy this instance held
     * @param unavailable accounts this instance holds nothing for while PostgreSQL is down
     */
    public record Loaded(Map<AccountId, CachedEntitlements> found, Set<AccountId> unavailable) {}

    /** This instance's copy, if it is recent enough to serve without asking Redis. */
    public Optional<CachedEntitlements> fresh(AccountId account) {
        CachedEntitlements cached = near.getIfPresent(account);
        return cached != null && System.nanoTime() - cached.loadedAtNanos() < revalidateAfterNanos
                ? Optional.of(cached)
                : Optional.empty();
    }

    /** Empty when no snapshot exists yet (the caller decides whether the account exists). */
    public Optional<CachedEntitlements> get(AccountId account) {
        Optional<CachedEntitlements> fresh = fresh(account);
        if (fresh.isPresent()) {
            return fresh;
        }
        Loaded loaded = loadAll(List.of(account));
        if (loaded.unavailable().contains(account)) {
            throw unavailable();
        }
        return Optional.ofNullable(loaded.found().get(account));
    }

    /**
     * Many accounts at once: one pipelined Redis read, one PostgreSQL query for what Redis lacks, one pipelined Redis
     * write of what PostgreSQL had. Accounts with no snapshot anywhere are in neither result.
     */
    public Loaded loadAll(List<AccountId> accounts) {
        long now = System.nanoTime();
        Map<AccountId, CachedEntitlements> found = new HashMap<>();
        List<AccountId> notShared = new ArrayList<>();
        List<EntitlementSnapshot> shared = redis.getAll(accounts).orElse(null);
        for (int i = 0; i < accounts.size(); i++) {
            AccountId account = accounts.get(i);
            EntitlementSnapshot snapshot = shared == null ? null : shared.get(i);
            if (snapshot == null) {
                notShared.add(account);
            } else {
                found.put(account, keep(snapshot, near.getIfPresent(account), now));
            }
        }
        if (notShared.isEmpty()) {
            return new Loaded(found, Set.of());
        }
        try {
            Map<AccountId, EntitlementSnapshot> stored = database.findAll(notShared);
            redis.putAllIfNewer(stored.values());
            stored.forEach((account, snapshot) -> found.put(account, keep(snapshot, near.getIfPresent(account), now)));
            return new Loaded(found, Set.of());
        } catch (DataAccessException e) {
            log.debug("PostgreSQL unavailable; serving stale entitlements where held", e);
            Set<AccountId> unavailable = new HashSet<>();
            for (AccountId account : notShared) {
                CachedEntitlements cached = near.getIfPresent(account);
                if (cached == null) {
                    unavailable.add(account);
                } else {
                    found.put(account, cached.asStale());
                }
            }
            return new Loaded(found, unavailable);
        }
    }

    public static DomainException unavailable() {
        return new DomainException(
                DomainException.Kind.UNAVAILABLE,
                "entitlements-unavailable",
                "Entitlements for this account are not cached and the database is unavailable; retry shortly");
    }

    /**
     * Empty first snapshots (version 0) of accounts that never had one: served here and shared, not announced, since
     * no instance can hold an older version of them.
     */
    public Map<AccountId, CachedEntitlements> acceptFirst(Collection<EntitlementSnapshot> snapshots) {
        long now = System.nanoTime();
        Map<AccountId, CachedEntitlements> kept = new HashMap<>();
        snapshots.forEach(snapshot -> kept.put(snapshot.accountId(), keep(snapshot, null, now)));
        redis.putAllIfNewer(snapshots);
        changes.signal();
        return kept;
    }

    /** A new version was committed on this instance: serve it here, share it, tell the other instances. */
    public CachedEntitlements accept(EntitlementSnapshot snapshot) {
        CachedEntitlements entry = keep(snapshot, near.getIfPresent(snapshot.accountId()), System.nanoTime());
        redis.putIfNewer(snapshot);
        redis.publishChange(snapshot.accountId(), snapshot.version());
        changes.signal();
        return entry;
    }

    /** A stored snapshot loaded at start: kept unless this instance already holds it or a newer version. */
    public void warm(CachedEntitlements entry) {
        near.asMap().merge(entry.accountId(), entry, EntitlementCache::newer);
    }

    /** Redis' server run id (it changes when Redis restarts); empty while Redis is unavailable. */
    public Optional<String> redisRunId() {
        return redis.runId();
    }

    /**
     * Pushes to Redis, and re-announces, each snapshot Redis holds in a version older than {@code versions} says:
     * what a failed write, a lost message or a copy restored from disk left behind. Absent copies are left absent
     * (the next read fills them).
     *
     * @return how many were pushed, or -1 if Redis failed meanwhile
     */
    public int repairStale(Map<AccountId, Long> versions, Function<AccountId, Optional<EntitlementSnapshot>> load) {
        List<AccountId> accounts = new ArrayList<>(versions.keySet());
        int pushed = 0;
        for (int from = 0; from < accounts.size(); from += 1000) {
            List<AccountId> chunk = accounts.subList(from, Math.min(accounts.size(), from + 1000));
            Optional<List<Long>> held = redis.versions(chunk);
            if (held.isEmpty()) {
                return -1;
            }
            for (int i = 0; i < chunk.size(); i++) {
                Long inRedis = held.get().get(i);
                if (inRedis != null && inRedis < versions.get(chunk.get(i))) {
                    Optional<EntitlementSnapshot> current = load.apply(chunk.get(i));
                    if (current.isPresent()) {
                        redis.putIfNewer(current.get());
                        redis.publishChange(
                                current.get().accountId(), current.get().version());
                        pushed++;
                    }
                }
            }
        }
        return redis.available() ? pushed : -1;
    }

    /**
     * This instance missed announcements (its subscription was down): every account changed within {@code window} is
     * checked against PostgreSQL, Redis is given the newer versions it lacks, and what this instance holds older is
     * dropped, so the next read serves the current version.
     *
     * @return how many snapshots this instance held in an older version
     */
    public int catchUp(Duration window) {
        Map<AccountId, Long> changed = database.versionsChangedWithin(window, 100_000);
        repairStale(changed, database::find);
        int dropped = 0;
        for (Map.Entry<AccountId, Long> change : changed.entrySet()) {
            CachedEntitlements held = near.getIfPresent(change.getKey());
            if (held != null && held.version() < change.getValue()) {
                changed(change.getKey(), change.getValue());
                dropped++;
            }
        }
        return dropped;
    }

    /** Another instance committed {@code version}: drop what we hold if it is older. */
    public void changed(AccountId account, long version) {
        near.asMap().computeIfPresent(account, (id, entry) -> entry.version() < version ? null : entry);
        changes.signal();
    }

    public void clear() {
        near.invalidateAll();
    }

    private CachedEntitlements keep(EntitlementSnapshot snapshot, CachedEntitlements cached, long now) {
        if (cached != null && cached.version() >= snapshot.version()) {
            CachedEntitlements fresh = cached.revalidated(now);
            near.asMap().merge(snapshot.accountId(), fresh, EntitlementCache::newer);
            return fresh;
        }
        CachedEntitlements rendered = SnapshotJson.render(snapshot, now);
        return near.asMap().merge(snapshot.accountId(), rendered, EntitlementCache::newer);
    }

    private static CachedEntitlements newer(CachedEntitlements a, CachedEntitlements b) {
        if (a.version() != b.version()) {
            return a.version() > b.version() ? a : b;
        }
        return a.loadedAtNanos() >= b.loadedAtNanos() ? a : b;
    }
}
