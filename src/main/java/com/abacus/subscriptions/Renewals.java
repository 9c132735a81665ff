package com.abacus.subscriptions;

import com.abacus.catalog.Catalog;
import com.abacus.catalog.Plan;
import com.abacus.shared.NotFoundException;
import com.abacus.subscriptions.internal.HistoryEvent;
import com.abacus.subscriptions.internal.SubscriptionHistory;
import com.abacus.subscriptions.internal.SubscriptionRepository;
import com.abacus.subscriptions.internal.SubscriptionTransitions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The next period of due subscriptions: one by one (trial conversions, scheduled changes and cancellations applied
 * first) or, for the plain ones, a batch renewed set-based. Idempotent per period, so a repeated run bills nothing twice.
 */
@Service
public class Renewals {

    private final SubscriptionRepository subscriptions;
    private final SubscriptionTransitions transitions;
    private final SubscriptionHistory history;
    private final Catalog catalog;
    private final SubscriptionLifecycle lifecycle;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Renewals(
            SubscriptionRepository subscriptions,
            SubscriptionTransitions transitions,
            SubscriptionHistory history,
            Catalog catalog,
            SubscriptionLifecycle lifecycle,
            ApplicationEventPublisher events,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.transitions = transitions;
        this.history = history;
        this.catalog = catalog;
        this.lifecycle = lifecycle;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Starts the next period if the current one ended at {@code expectedPeriodEnd}; idempotent per period, so a run
     * that is repeated after a crash finds ALREADY_RENEWED and bills nothing twice. Applies a scheduled change or
     * cancellation first, and converts a trial.
     */
    @Transactional
    public RenewalOutcome renew(SubscriptionId id, Instant expectedPeriodEnd) {
        Subscription subscription = subscriptions.locked(id);
        Instant now = clock.instant();
        if (!subscription.currentPeriod().end().equals(expectedPeriodEnd)
                || !subscription.status().isLive()) {
            return new RenewalOutcome(RenewalOutcome.Kind.ALREADY_RENEWED, subscription, null, List.of());
        }
        if (subscription.currentPeriod().end().isAfter(now)) {
            return new RenewalOutcome(RenewalOutcome.Kind.NOT_DUE, subscription, null, List.of());
        }
        if (subscription.cancelAtPeriodEnd()) {
            lifecycle.cancel(
                    subscription, "PERIOD_END", subscription.currentPeriod().end());
            return new RenewalOutcome(RenewalOutcome.Kind.CANCELED, current(id), null, List.of());
        }
        boolean planChanged = false;
        boolean trialConverted = subscription.status() == SubscriptionStatus.TRIALING;
        if (trialConverted) {
            BillingPeriod first = BillingPeriods.period(
                    subscription.trialEnd(),
                    subscription.timeZone(),
                    subscription.interval().months(),
                    0);
            transitions.trialConverted(id, subscription.trialEnd(), first, now);
            history.history(id, HistoryEvent.TRIAL_CONVERTED, null, now);
        } else if (subscription.scheduledChange() != null) {
            var change = subscription.scheduledChange();
            Plan to = catalog.plan(change.catalogVersion(), change.planCode());
            Instant anchor = subscription.anchor();
            int index = subscription.periodIndex() + 1;
            if (to.interval() != subscription.interval()) {
                anchor = subscription.currentPeriod().end();
                index = 0;
            }
            BillingPeriod next = BillingPeriods.period(
                    anchor, subscription.timeZone(), to.interval().months(), index);
            transitions.updatePlan(
                    id,
                    to.code(),
                    change.catalogVersion(),
                    to.interval(),
                    change.price().minor(),
                    anchor,
                    index,
                    next,
                    now);
            history.history(id, HistoryEvent.CHANGE_APPLIED, subscription.planCode() + " → " + to.code(), now);
            planChanged = true;
        } else {
            subscriptions.renewAll(List.of(nextPeriodOf(subscription)), now);
        }
        Subscription renewed = current(id);
        List<ChargeLine> lines = renewed.periodLines(renewed.currentPeriod());
        events.publishEvent(renewedEvent(renewed, lines, planChanged, trialConverted, now));
        return new RenewalOutcome(RenewalOutcome.Kind.RENEWED, renewed, renewed.currentPeriod(), lines);
    }

    /**
     * Locks up to {@code limit} subscriptions due at {@code asOf} (skipping rows another runner holds) and renews the
     * plain ones, active with nothing scheduled, set-based: one update and one history insert per batch. The others
     * (trials, scheduled changes and cancellations) are returned for {@link #renew} one by one. Idempotent like
     * {@link #renew}: a renewed subscription is no longer due for the period it left.
     */
    @Transactional
    public DueRenewals renewDue(Instant asOf, Collection<SubscriptionId> excluded, int limit) {
        Instant now = clock.instant();
        List<DueRenewals.Renewal> renewed = new ArrayList<>();
        List<SubscriptionId> oneByOne = new ArrayList<>();
        for (Subscription due : subscriptions.lockDue(asOf, excluded, limit)) {
            boolean plain = due.status() == SubscriptionStatus.ACTIVE
                    && !due.cancelAtPeriodEnd()
                    && due.scheduledChange() == null;
            if (!plain || due.currentPeriod().end().isAfter(now)) {
                oneByOne.add(due.id());
                continue;
            }
            Subscription after = nextPeriodOf(due);
            renewed.add(new DueRenewals.Renewal(due, after, after.periodLines(after.currentPeriod())));
        }
        subscriptions.renewAll(renewed.stream().map(DueRenewals.Renewal::after).toList(), now);
        for (DueRenewals.Renewal renewal : renewed) {
            events.publishEvent(renewedEvent(renewal.after(), renewal.lines(), false, false, now));
        }
        return new DueRenewals(renewed, oneByOne);
    }

    /** The plain renewal, one rule for {@link #renew} and {@link #renewDue}: same plan, next period of its calendar. */
    private static Subscription nextPeriodOf(Subscription subscription) {
        int index = subscription.periodIndex() + 1;
        return subscription.renewedTo(
                index,
                BillingPeriods.period(
                        subscription.anchor(),
                        subscription.timeZone(),
                        subscription.interval().months(),
                        index));
    }

    private static SubscriptionRenewed renewedEvent(
            Subscription after, List<ChargeLine> lines, boolean planChanged, boolean trialConverted, Instant now) {
        return new SubscriptionRenewed(
                after.id(),
                after.accountId(),
                after.planCode(),
                after.catalogVersion(),
                after.price().currencyCode(),
                lines,
                after.currentPeriod().start(),
                after.currentPeriod().end(),
                planChanged,
                trialConverted,
                now);
    }

    private Subscription current(SubscriptionId id) {
        return subscriptions.find(id).orElseThrow(() -> new NotFoundException("subscription", id));
    }
}
