package com.abacus.subscriptions;

import com.abacus.catalog.Plan;
import com.abacus.shared.DomainException;
import com.abacus.subscriptions.internal.HistoryEvent;
import com.abacus.subscriptions.internal.SubscriptionHistory;
import com.abacus.subscriptions.internal.SubscriptionRepository;
import com.abacus.subscriptions.internal.SubscriptionTransitions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A subscription's standing: started (active or trialing), past due while dunning retries, reactivated when paid,
 * canceled. Every transition publishes its event in the same transaction.
 */
@Service
public class SubscriptionLifecycle {

    private final SubscriptionRepository subscriptions;
    private final SubscriptionTransitions transitions;
    private final SubscriptionHistory history;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SubscriptionLifecycle(
            SubscriptionRepository subscriptions,
            SubscriptionTransitions transitions,
            SubscriptionHistory history,
            ApplicationEventPublisher events,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.transitions = transitions;
        this.history = history;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Subscription start(StartSubscription command) {
        Plan plan = command.plan();
        Instant now = clock.instant();
        boolean trialing = command.trial();
        if (trialing && (plan.trialDays() <= 0 || subscriptions.hadTrial(command.accountId(), plan.product()))) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "trial-used",
                    "The trial of " + plan.product() + " was already used");
        }
        Instant trialEnd = trialing ? BillingPeriods.plusDays(now, command.timeZone(), plan.trialDays()) : null;
        BillingPeriod period = trialing
                ? new BillingPeriod(now, trialEnd, command.timeZone())
                : BillingPeriods.period(now, command.timeZone(), plan.interval().months(), 0);
        // A coupon redeemed with a trial starts with the first paid period, on the calendar that period starts.
        SubscriptionDiscount discount = command.discount() == null
                ? null
                : command.discount()
                        .startingAt(
                                trialing ? trialEnd : now,
                                command.timeZone(),
                                plan.interval().months(),
                                0);
        Subscription subscription = Subscription.started(command, period, trialEnd, now, discount);
        try {
            subscriptions.insert(subscription, command.testClockId(), now);
        } catch (DuplicateKeyException e) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "already-subscribed",
                    "The account already has a subscription to " + plan.product() + "; change its plan instead");
        }
        history.history(
                subscription.id(), trialing ? HistoryEvent.TRIAL_STARTED : HistoryEvent.ACTIVATED, plan.code(), now);
        events.publishEvent(new SubscriptionActivated(
                subscription.id(),
                subscription.accountId(),
                plan.product(),
                plan.code(),
                command.catalogVersion(),
                command.price().currencyCode(),
                trialing ? List.of() : subscription.periodLines(period),
                period.start(),
                period.end(),
                trialing,
                command.paymentId(),
                command.startedBy(),
                now,
                subscription.anchor(),
                subscription.timeZone(),
                command.testClockId()));
        return subscription;
    }

    @Transactional
    public void markPastDue(SubscriptionId id) {
        Subscription subscription = subscriptions.locked(id);
        if (!subscription.status().canBecome(SubscriptionStatus.PAST_DUE)) {
            return;
        }
        Instant now = clock.instant();
        transitions.markPastDue(id, now);
        history.history(id, HistoryEvent.PAST_DUE, null, now);
        events.publishEvent(new SubscriptionPastDue(id, subscription.accountId(), now));
    }

    @Transactional
    public void reactivate(SubscriptionId id) {
        Subscription subscription = subscriptions.locked(id);
        // Only a past-due subscription is reactivated by a payment; a trial becomes active by its renewal.
        if (subscription.status() != SubscriptionStatus.PAST_DUE
                || !subscription.status().canBecome(SubscriptionStatus.ACTIVE)) {
            return;
        }
        Instant now = clock.instant();
        transitions.reactivate(id, now);
        history.history(id, HistoryEvent.REACTIVATED, null, now);
        events.publishEvent(new SubscriptionReactivated(id, subscription.accountId(), now));
    }

    /** Ends a subscription now: dunning exhausted ({@code NON_PAYMENT}) or staff ({@code STAFF: reason}). */
    @Transactional
    public void cancelNow(SubscriptionId id, String reason) {
        Subscription subscription = subscriptions.locked(id);
        if (!subscription.status().canBecome(SubscriptionStatus.CANCELED)) {
            return;
        }
        cancel(subscription, reason, clock.instant());
    }

    /** Ends a subscription at {@code at}; the caller holds its row lock. */
    void cancel(Subscription subscription, String reason, Instant at) {
        Instant now = clock.instant();
        transitions.cancel(subscription, at, reason, now);
        history.history(subscription.id(), HistoryEvent.CANCELED, reason, now);
        events.publishEvent(new SubscriptionCanceled(
                subscription.id(), subscription.accountId(), subscription.product(), reason, at));
    }
}
