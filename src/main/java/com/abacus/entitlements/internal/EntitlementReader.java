package com.abacus.entitlements.internal;

import com.abacus.accounts.Accounts;
import com.abacus.entitlements.internal.cache.CachedEntitlements;
import com.abacus.entitlements.internal.cache.EntitlementCache;
import com.abacus.shared.AccountId;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The read path of the internal API. An account that never had a snapshot (no purchase yet) gets one computed on
 * first read; an id that is not an account is remembered as such for a few seconds.
 */
@Component
public class EntitlementReader {

    private final EntitlementCache cache;
    private final SnapshotService snapshots;
    private final Accounts accounts;
    private final Cache<AccountId, Boolean> unknown = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(10))
            .build();

    EntitlementReader(EntitlementCache cache, SnapshotService snapshots, Accounts accounts) {
        this.cache = cache;
        this.snapshots = snapshots;
        this.accounts = accounts;
    }

    public Optional<CachedEntitlements> read(AccountId account) {
        Optional<CachedEntitlements> hit = cache.get(account);
        if (hit.isPresent()) {
            return hit;
        }
        if (unknown.getIfPresent(account) != null) {
            return Optional.empty();
        }
        if (accounts.find(account).isEmpty()) {
            unknown.put(account, Boolean.TRUE);
            return Optional.empty();
        }
        snapshots.refresh(account);
        return cache.get(account);
    }
}
