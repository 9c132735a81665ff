package com.abacus.subscriptions;

import com.abacus.catalog.Plan;
import com.abacus.shared.DomainException;
import com.abacus.subscriptions.internal.HistoryEvent;
import com.abacus.subscriptions.internal.SubscriptionRepository;
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
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SubscriptionLifecycle(SubscriptionRepository subscriptions, ApplicationEventPublisher events, Clock clock) {
        this.subscriptions = subscriptions;
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
        Subscription subscription = new Subscription(
                command.id(),
                command.accountId(),
                plan.product(),
                plan.code(),
                command.catalogVersion(),
                plan.interval(),
                command.price(),
                List.copyOf(command.addOns()),
                trialing ? SubscriptionStatus.TRIALING : SubscriptionStatus.ACTIVE,
                command.timeZone(),
                now,
                0,
                period,
                trialEnd,
                false,
                null,
                null,
                null,
                null,
                now);
        try {
            subscriptions.insert(subscription, now);
        } catch (DuplicateKeyException e) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "already-subscribed",
                    "The account already has a subscription to " + plan.product() + "; change its plan instead");
        }
        subscriptions.history(
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
                command.reference(),
                now,
                subscription.anchor(),
                subscription.timeZone()));
        return subscription;
    }

    @Transactional
    public void markPastDue(SubscriptionId id) {
        Subscription subscription = subscriptions.locked(id);
        if (!subscription.status().canBecome(SubscriptionStatus.PAST_DUE)) {
            return;
        }
        Instant now = clock.instant();
        subscriptions.markPastDue(id, now);
        subscriptions.history(id, HistoryEvent.PAST_DUE, null, now);
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
        subscriptions.reactivate(id, now);
        subscriptions.history(id, HistoryEvent.REACTIVATED, null, now);
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
        subscriptions.cancel(subscription, at, reason, now);
        subscriptions.history(subscription.id(), HistoryEvent.CANCELED, reason, now);
        events.publishEvent(new SubscriptionCanceled(
                subscription.id(), subscription.accountId(), subscription.product(), reason, at));
    }
}
