package com.abacus.entitlements;

import com.abacus.shared.AccountId;
import java.time.Instant;
import org.springframework.modulith.events.Externalized;

/** An account's entitlements have a new version. */
@Externalized("abacus.entitlements::#{#this.accountId().toString()}")
public record EntitlementsChanged(AccountId accountId, long version, Instant at) {}
