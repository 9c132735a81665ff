package com.abacus.entitlements.internal;

import com.abacus.accounts.TestClocks;
import com.abacus.entitlements.Entitlement;
import com.abacus.entitlements.EntitlementSnapshot;
import com.abacus.entitlements.EntitlementsChanged;
import com.abacus.entitlements.internal.cache.EntitlementCache;
import com.abacus.shared.AccountId;
import com.abacus.subscriptions.Subscriptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Recomputes and stores an account's snapshot. Recomputations of one account are serialised by an advisory lock and
 * read their sources after taking it, so the last one to commit saw the latest state. A new version is written only
 * when something changed; caches learn of it after commit.
 */
@Component
public class SnapshotService {

    private final EntitlementRepository repository;
    private final GrantRepository grants;
    private final EntitlementCalculator calculator;
    private final Subscriptions subscriptions;
    private final EntitlementCache cache;
    private final TestClocks testClocks;
    private final ApplicationEventPublisher events;

    SnapshotService(
            EntitlementRepository repository,
            GrantRepository grants,
            EntitlementCalculator calculator,
            Subscriptions subscriptions,
            EntitlementCache cache,
            TestClocks testClocks,
            ApplicationEventPublisher events) {
        this.repository = repository;
        this.grants = grants;
        this.calculator = calculator;
        this.subscriptions = subscriptions;
        this.cache = cache;
        this.testClocks = testClocks;
        this.events = events;
    }

    /**
     * Recomputes unless the stored snapshot was computed after {@code changedAt}: then it already reflects the change
     * (checkout recomputes in the request, before the event's listener gets here).
     */
    @Transactional
    public void refreshIfOlderThan(AccountId account, Instant changedAt) {
        var computedAt = repository.computedAt(account);
        if (computedAt.isPresent() && computedAt.get().isAfter(changedAt)) {
            return;
        }
        refresh(account);
    }

    @Transactional
    public EntitlementSnapshot refresh(AccountId account) {
        repository.lock(account);
        // The account's own now: a test clock's account is computed on its clock's time, wherever this runs.
        Optional<UUID> testClock = testClocks.clockOf(account);
        Instant now = testClocks.nowOf(account);
        var result = calculator.compute(
                subscriptions.forAccount(account), grants.trials(account), grants.overrides(account), now);
        String digest = digestOf(result.features());
        var stored = repository.find(account);
        if (stored.isPresent() && repository.digest(account).orElse("").equals(digest)) {
            if (!java.util.Objects.equals(stored.get().nextChangeAt(), result.nextChangeAt())) {
                repository.nextChange(account, result.nextChangeAt());
            }
            return stored.get();
        }
        long version =
                repository.save(account, digest, result.features(), now, result.nextChangeAt(), testClock.orElse(null));
        EntitlementSnapshot snapshot =
                new EntitlementSnapshot(account, version, now, result.features(), result.nextChangeAt());
        events.publishEvent(new EntitlementsChanged(account, version, now));
        afterCommit(() -> cache.accept(snapshot));
        return snapshot;
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    /** What tells two computations apart: the SHA-256 of the features' JSON. */
    static String digestOf(Map<String, Entitlement> features) {
        String json = EntitlementRepository.JSON.writeValueAsString(features);
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
