package com.abacus.entitlements.internal;

import com.abacus.subscriptions.SubscriptionActivated;
import com.abacus.subscriptions.SubscriptionCanceled;
import com.abacus.subscriptions.SubscriptionChangeScheduled;
import com.abacus.subscriptions.SubscriptionChangeUndone;
import com.abacus.subscriptions.SubscriptionPastDue;
import com.abacus.subscriptions.SubscriptionPlanChanged;
import com.abacus.subscriptions.SubscriptionReactivated;
import com.abacus.subscriptions.SubscriptionRenewed;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Every subscription transition recomputes the account's entitlements (idempotent: no change, no new version). */
@Component
class SubscriptionEvents {

    private final SnapshotService snapshots;

    SubscriptionEvents(SnapshotService snapshots) {
        this.snapshots = snapshots;
    }

    @ApplicationModuleListener
    void on(SubscriptionActivated event) {
        snapshots.refreshIfOlderThan(event.accountId(), event.at());
    }

    @ApplicationModuleListener
    void on(SubscriptionPlanChanged event) {
        snapshots.refreshIfOlderThan(event.accountId(), event.at());
    }

    @ApplicationModuleListener
    void on(SubscriptionChangeScheduled event) {
        snapshots.refresh(event.accountId());
    }

    @ApplicationModuleListener
    void on(SubscriptionChangeUndone event) {
        snapshots.refresh(event.accountId());
    }

    /**
     * A renewal changes entitlements only when a scheduled change or a trial conversion came with it. The condition is
     * checked when the event is published, so a plain renewal records no publication for this listener at all.
     */
    @ApplicationModuleListener(condition = "#event.planChanged() or #event.trialConverted()")
    void on(SubscriptionRenewed event) {
        snapshots.refreshIfOlderThan(event.accountId(), event.at());
    }

    @ApplicationModuleListener
    void on(SubscriptionPastDue event) {
        snapshots.refresh(event.accountId());
    }

    @ApplicationModuleListener
    void on(SubscriptionReactivated event) {
        snapshots.refresh(event.accountId());
    }

    @ApplicationModuleListener
    void on(SubscriptionCanceled event) {
        snapshots.refresh(event.accountId());
    }
}
