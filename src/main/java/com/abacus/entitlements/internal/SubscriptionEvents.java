package com.abacus.entitlements.internal;

import com.abacus.subscriptions.SubscriptionActivated;
import com.abacus.subscriptions.SubscriptionCanceled;
import com.abacus.subscriptions.SubscriptionChangeScheduled;
import com.abacus.subscriptions.SubscriptionChangeUndone;
import com.abacus.subscriptions.SubscriptionPastDue;
import com.abacus.subscriptions.SubscriptionPlanChanged;
import com.abacus.subscriptions.SubscriptionReactivated;
import com.abacus.subscriptions.SubscriptionRenewed;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Every subscription transition recomputes the account's entitlements (idempotent: no change, no new version): an
 * activation or immediate plan change in its own transaction, the others after commit through the event publication
 * registry.
 */
@Component
class SubscriptionEvents {

    private final SnapshotService snapshots;

    SubscriptionEvents(SnapshotService snapshots) {
        this.snapshots = snapshots;
    }

    /**
     * What a customer pays for at checkout is served the moment it commits: the snapshot of a new subscription or an
     * immediate plan change is written in that transaction (a synchronous listener, so nothing is recorded for later
     * delivery and there is no window in which the customer has paid but is not yet entitled). The caches learn of it
     * after that commit.
     */
    @EventListener
    void on(SubscriptionActivated event) {
        snapshots.refresh(event.accountId());
    }

    @EventListener
    void on(SubscriptionPlanChanged event) {
        snapshots.refresh(event.accountId());
    }

    /**
     * What a customer does to a subscription (schedule a change, undo it, cancel) is answered with entitlements that
     * already reflect it: written in the change's transaction, as at checkout. Callers never write entitlements.
     */
    @EventListener
    void on(SubscriptionChangeScheduled event) {
        snapshots.refresh(event.accountId());
    }

    @EventListener
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

    @EventListener
    void on(SubscriptionCanceled event) {
        snapshots.refresh(event.accountId());
    }
}
