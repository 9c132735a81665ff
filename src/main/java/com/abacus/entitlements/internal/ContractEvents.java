package com.abacus.entitlements.internal;

import com.abacus.contracts.ContractSigned;
import com.abacus.shared.AccountId;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A signed contract is served at once: the account's snapshot is recomputed in the signing transaction (a contract that
 * starts later is recomputed when it starts, through the snapshot's next change).
 */
@Component
class ContractEvents {

    private final SnapshotService snapshots;

    ContractEvents(SnapshotService snapshots) {
        this.snapshots = snapshots;
    }

    @EventListener
    void on(ContractSigned signed) {
        snapshots.refresh(AccountId.of(signed.accountId()));
    }
}
