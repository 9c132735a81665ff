package com.abacus.entitlements.internal;

import com.abacus.accounts.Accounts;
import com.abacus.entitlements.EntitlementSnapshot;
import com.abacus.entitlements.internal.cache.CachedEntitlements;
import com.abacus.entitlements.internal.cache.EntitlementCache;
import com.abacus.shared.AccountId;
import com.abacus.shared.DomainException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The read path of the internal API. A read this instance's memory cannot answer joins a batch of misses: concurrent
 * readers of one account share one load, and the misses of many accounts are loaded together (Redis, then PostgreSQL,
 * in one round trip each). An account that never had a snapshot and has nothing bought or granted is answered with the
 * empty version 0, stored once afterwards; an id that is not an account is remembered as such for a few seconds.
 */
@Component
public class EntitlementReader {

    private static final Logger log = LoggerFactory.getLogger(EntitlementReader.class);

    private final EntitlementCache cache;
    private final SnapshotService snapshots;
    private final FirstSnapshots firstSnapshots;
    private final Accounts accounts;
    private final Duration loadTimeout;
    private final Cache<AccountId, Boolean> unknown = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(10))
            .build();
    private final CoalescingLoader<AccountId, Answer> misses;
    private final DistributionSummary missBatches;

    /** What a miss was loaded as: the entitlements, nothing (no such account), or why it could not be answered. */
    private record Answer(CachedEntitlements entitlements, DomainException failure) {}

    EntitlementReader(
            EntitlementCache cache,
            SnapshotService snapshots,
            FirstSnapshots firstSnapshots,
            Accounts accounts,
            EntitlementSettings settings,
            MeterRegistry registry) {
        this.cache = cache;
        this.snapshots = snapshots;
        this.firstSnapshots = firstSnapshots;
        this.accounts = accounts;
        this.loadTimeout = settings.missTimeout();
        this.missBatches = DistributionSummary.builder("abacus.entitlements.miss.batch")
                .description("Accounts per batch of reads the near cache could not answer (count: batches)")
                .baseUnit("accounts")
                .register(registry);
        this.misses = new CoalescingLoader<>(
                this::load, settings.missBatchSize(), settings.missLoaders(), "entitlement-miss-");
    }

    public Optional<CachedEntitlements> read(AccountId account) {
        return readAll(List.of(account)).get(0);
    }

    /** Each account's entitlements, in order (empty for an id that is not an account); the misses load together. */
    public List<Optional<CachedEntitlements>> readAll(List<AccountId> accounts) {
        List<Optional<CachedEntitlements>> answers = new ArrayList<>(accounts.size());
        Map<AccountId, CompletableFuture<Answer>> pending = new HashMap<>();
        for (AccountId account : accounts) {
            Optional<CachedEntitlements> hit = cache.fresh(account);
            answers.add(hit);
            if (hit.isEmpty() && unknown.getIfPresent(account) == null) {
                pending.computeIfAbsent(account, misses::load);
            }
        }
        for (int i = 0; i < accounts.size(); i++) {
            CompletableFuture<Answer> miss = pending.get(accounts.get(i));
            if (miss != null) {
                Answer answer = await(accounts.get(i), miss);
                if (answer.failure() != null) {
                    throw answer.failure();
                }
                answers.set(i, Optional.ofNullable(answer.entitlements()));
            }
        }
        return answers;
    }

    private Answer await(AccountId account, CompletableFuture<Answer> miss) {
        try {
            Answer answer = miss.get(loadTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return answer == null ? new Answer(null, EntitlementCache.unavailable()) : answer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, EntitlementCache.unavailable());
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Entitlements of {} could not be loaded: {}", account, e.toString());
            return new Answer(null, EntitlementCache.unavailable());
        }
    }

    /** One batch of misses: what the caches and PostgreSQL hold, then first snapshots for accounts that have none. */
    private Map<AccountId, Answer> load(List<AccountId> batch) {
        missBatches.record(batch.size());
        Map<AccountId, Answer> answers = new HashMap<>();
        EntitlementCache.Loaded loaded = cache.loadAll(batch);
        loaded.found().forEach((id, entitlements) -> answers.put(id, new Answer(entitlements, null)));
        loaded.unavailable().forEach(id -> answers.put(id, new Answer(null, EntitlementCache.unavailable())));
        List<AccountId> withoutSnapshot =
                batch.stream().filter(id -> !answers.containsKey(id)).toList();
        if (withoutSnapshot.isEmpty()) {
            return answers;
        }
        try {
            Set<AccountId> existing = accounts.existing(withoutSnapshot);
            List<AccountId> first = new ArrayList<>();
            for (AccountId id : withoutSnapshot) {
                if (existing.contains(id)) {
                    first.add(id);
                } else {
                    unknown.put(id, Boolean.TRUE);
                    answers.put(id, new Answer(null, null));
                }
            }
            List<EntitlementSnapshot> empty = firstSnapshots.empty(first);
            cache.acceptFirst(empty).forEach((id, entitlements) -> answers.put(id, new Answer(entitlements, null)));
            for (AccountId id : first) {
                if (!answers.containsKey(id)) {
                    // Something to compute: a purchase or a grant exists.
                    snapshots.refresh(id);
                    answers.put(id, new Answer(cache.get(id).orElse(null), null));
                }
            }
        } catch (DataAccessException e) {
            log.debug("PostgreSQL unavailable for first snapshots", e);
            withoutSnapshot.forEach(id -> answers.putIfAbsent(id, new Answer(null, EntitlementCache.unavailable())));
        }
        return answers;
    }

    @PreDestroy
    void close() {
        misses.close();
    }
}
