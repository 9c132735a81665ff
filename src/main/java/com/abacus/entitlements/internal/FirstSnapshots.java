package com.abacus.entitlements.internal;

import com.abacus.accounts.TestClocks;
import com.abacus.entitlements.Entitlement;
import com.abacus.entitlements.EntitlementSnapshot;
import com.abacus.shared.AccountId;
import com.abacus.subscriptions.Subscriptions;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The first snapshot of accounts read before they ever had one: registered, nothing bought, nothing granted. It is
 * empty and version 0, which every computed snapshot (version 1 and up) supersedes in every cache, so it can be served
 * at once and stored afterwards, off the read path: a purchase committing meanwhile writes version 1 whatever order
 * the two land in, and a version 0 never overwrites a row (insert only where none exists). Lost before it was stored
 * (a crash), it is simply made again on the next read. No {@code EntitlementsChanged}: nothing to nothing is no change.
 */
@Component
class FirstSnapshots {

    private static final Logger log = LoggerFactory.getLogger(FirstSnapshots.class);
    private static final Map<String, Entitlement> NONE = new TreeMap<>();
    private static final String NONE_DIGEST = SnapshotService.digestOf(NONE);
    private static final int WRITE_BATCH = 1_000;

    private final EntitlementRepository repository;
    private final GrantRepository grants;
    private final Subscriptions subscriptions;
    private final TestClocks testClocks;
    private final LinkedBlockingQueue<EntitlementSnapshot> unwritten = new LinkedBlockingQueue<>(100_000);
    private final Thread writer = new Thread(this::write, "entitlement-first-snapshots");

    FirstSnapshots(
            EntitlementRepository repository,
            GrantRepository grants,
            Subscriptions subscriptions,
            TestClocks testClocks) {
        this.repository = repository;
        this.grants = grants;
        this.subscriptions = subscriptions;
        this.testClocks = testClocks;
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * The empty version 0 of each of these accounts that has no source of entitlements; the others (a subscription or
     * a grant exists) are left out, for a recomputation. Queued to be stored.
     */
    public List<EntitlementSnapshot> empty(List<AccountId> accounts) {
        if (accounts.isEmpty()) {
            return List.of();
        }
        Set<AccountId> sourced = new HashSet<>(subscriptions.accountsWithSubscriptions(accounts));
        sourced.addAll(grants.accountsWithGrants(accounts));
        List<AccountId> empty =
                accounts.stream().filter(id -> !sourced.contains(id)).toList();
        // As PostgreSQL stores it, so the copy served now is the one read back later.
        Map<AccountId, Instant> now = new HashMap<>();
        testClocks.nowOf(empty).forEach((id, at) -> now.put(id, at.truncatedTo(ChronoUnit.MICROS)));
        List<EntitlementSnapshot> snapshots = new ArrayList<>(empty.size());
        for (AccountId account : empty) {
            EntitlementSnapshot snapshot = new EntitlementSnapshot(account, 0, now.get(account), NONE, null);
            snapshots.add(snapshot);
            if (!unwritten.offer(snapshot)) {
                log.debug("First snapshots queue full; {} is stored on a later read", account);
            }
        }
        return snapshots;
    }

    private void write() {
        List<EntitlementSnapshot> batch = new ArrayList<>(WRITE_BATCH);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(unwritten.take());
            } catch (InterruptedException e) {
                return;
            }
            unwritten.drainTo(batch, WRITE_BATCH - 1);
            try {
                Map<AccountId, Instant> at = new HashMap<>();
                batch.forEach(snapshot -> at.put(snapshot.accountId(), snapshot.computedAt()));
                Map<AccountId, UUID> clocks = testClocks.clocksOf(at.keySet());
                repository.insertEmpty(at, NONE_DIGEST, NONE, clocks);
            } catch (RuntimeException e) {
                log.warn(
                        "{} first snapshots not stored ({}); they are made again when read",
                        batch.size(),
                        e.toString());
            }
            batch.clear();
        }
    }

    @PreDestroy
    void stop() {
        writer.interrupt();
    }
}
