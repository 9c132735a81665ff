package com.abacus.entitlements.internal;

import com.abacus.accounts.TestClocks;
import com.abacus.entitlements.Entitlement;
import com.abacus.entitlements.EntitlementSnapshot;
import com.abacus.shared.AccountId;
import com.abacus.subscriptions.Subscriptions;
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
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The first snapshot of accounts read before they ever had one: registered, nothing bought, nothing granted. Their
 * snapshot is empty, so a batch of them is written in one statement instead of one recomputation each. The accounts'
 * locks are taken first, as a recomputation takes its account's: a purchase committing meanwhile recomputes after this
 * and writes version 2. No {@code EntitlementsChanged} is published: from nothing to nothing is not a change.
 */
@Component
class FirstSnapshots {

    private static final Map<String, Entitlement> NONE = new TreeMap<>();
    private static final String NONE_DIGEST = SnapshotService.digestOf(NONE);

    private final EntitlementRepository repository;
    private final GrantRepository grants;
    private final Subscriptions subscriptions;
    private final TestClocks testClocks;

    FirstSnapshots(
            EntitlementRepository repository,
            GrantRepository grants,
            Subscriptions subscriptions,
            TestClocks testClocks) {
        this.repository = repository;
        this.grants = grants;
        this.subscriptions = subscriptions;
        this.testClocks = testClocks;
    }

    /**
     * Stores an empty first snapshot for each of these accounts that has no source of entitlements and no snapshot;
     * the others (a subscription or a grant exists, or a snapshot appeared meanwhile) are left to a recomputation.
     */
    @Transactional
    public List<EntitlementSnapshot> storeEmpty(List<AccountId> accounts) {
        if (accounts.isEmpty()) {
            return List.of();
        }
        repository.lockAll(accounts);
        Set<AccountId> sourced = new HashSet<>(subscriptions.accountsWithSubscriptions(accounts));
        sourced.addAll(grants.accountsWithGrants(accounts));
        List<AccountId> empty =
                accounts.stream().filter(id -> !sourced.contains(id)).toList();
        // As PostgreSQL stores it, so the copy served from memory is the one read back later.
        Map<AccountId, Instant> now = new HashMap<>();
        testClocks.nowOf(empty).forEach((id, at) -> now.put(id, at.truncatedTo(ChronoUnit.MICROS)));
        Map<AccountId, UUID> clocks = testClocks.clocksOf(empty);
        Set<AccountId> written = repository.insertFirst(now, NONE_DIGEST, NONE, clocks);
        List<EntitlementSnapshot> snapshots = new ArrayList<>(written.size());
        for (AccountId account : empty) {
            if (written.contains(account)) {
                snapshots.add(new EntitlementSnapshot(account, 1, now.get(account), NONE, null));
            }
        }
        return snapshots;
    }
}
