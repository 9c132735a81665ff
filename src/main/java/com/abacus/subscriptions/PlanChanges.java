package com.abacus.subscriptions;

import com.abacus.catalog.Catalog;
import com.abacus.catalog.ChangeTiming;
import com.abacus.catalog.Plan;
import com.abacus.shared.DomainException;
import com.abacus.shared.Money;
import com.abacus.shared.NotFoundException;
import com.abacus.subscriptions.internal.HistoryEvent;
import com.abacus.subscriptions.internal.SubscriptionHistory;
import com.abacus.subscriptions.internal.SubscriptionRepository;
import com.abacus.subscriptions.internal.SubscriptionTransitions;
import java.time.Clock;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changing what a subscription buys: a quote of the change (prorated when it takes effect now), the change now, a
 * change or cancellation scheduled for the period end and its undoing. Moving a plan to a newer catalog version is
 * {@link CatalogMigrations}.
 */
@Service
public class PlanChanges {

    private final SubscriptionRepository subscriptions;
    private final SubscriptionTransitions transitions;
    private final SubscriptionHistory history;
    private final Catalog catalog;
    private final ChangeQuoting quoting;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PlanChanges(
            SubscriptionRepository subscriptions,
            SubscriptionTransitions transitions,
            SubscriptionHistory history,
            Catalog catalog,
            ChangeQuoting quoting,
            ApplicationEventPublisher events,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.transitions = transitions;
        this.history = history;
        this.catalog = catalog;
        this.quoting = quoting;
        this.events = events;
        this.clock = clock;
    }

    /**
     * What moving to {@code toPlan} would do (null: cancel). Rules: a higher rank is an upgrade, a lower rank a
     * downgrade, monthly to annual an upgrade; each takes effect per the product's change rules, except that an annual
     * plan always downgrades and cancels at period end.
     */
    public PlanChangeQuote quoteChange(SubscriptionId id, String toPlanCode) {
        return quoting.quote(current(id), toPlanCode, clock.instant());
    }

    /** The same for a subscription the caller has just read (no second read of its row). */
    public PlanChangeQuote quoteChange(Subscription subscription, String toPlanCode) {
        return quoting.quote(subscription, toPlanCode, clock.instant());
    }

    /**
     * Applies an accepted change that takes effect now, after its prorated amount was paid. Refused if the subscription
     * moved on since the quote (another change applied, canceled).
     */
    @Transactional
    public Subscription changeNow(SubscriptionId id, PlanChangeQuote accepted, String paymentId) {
        Subscription subscription = subscriptions.locked(id);
        Instant now = clock.instant();
        PlanChangeQuote quote = accepted;
        if (!subscription.status().isLive()
                || !subscription.planCode().equals(accepted.fromPlan())
                || accepted.timing() != ChangeTiming.IMMEDIATE) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "quote-expired",
                    "The subscription changed since this quote; quote again");
        }
        Plan to = catalog.current().plan(quote.toPlan()).orElseThrow();
        Money newPrice = quoting.priceFor(subscription, to);
        Instant anchor = subscription.anchor();
        int index = subscription.periodIndex();
        BillingPeriod period = subscription.currentPeriod();
        if (to.interval() != subscription.interval() && subscription.status() != SubscriptionStatus.TRIALING) {
            anchor = now;
            index = 0;
            period = BillingPeriods.period(
                    now, subscription.timeZone(), to.interval().months(), 0);
        }
        transitions.updatePlan(
                id, to.code(), catalog.current().number(), to.interval(), newPrice.minor(), anchor, index, period, now);
        history.history(
                id,
                HistoryEvent.PLAN_CHANGED,
                subscription.planCode() + " → " + to.code() + " (charged " + quote.amountDueNow() + ")",
                now);
        events.publishEvent(new SubscriptionPlanChanged(
                id,
                subscription.accountId(),
                subscription.planCode(),
                to.code(),
                catalog.current().number(),
                newPrice.currencyCode(),
                quote.prorationLines(),
                paymentId,
                now));
        return current(id);
    }

    /** Schedules a downgrade or cancellation for the end of the paid period; service is unchanged until then. */
    @Transactional
    public Subscription scheduleChange(SubscriptionId id, String toPlanCode) {
        Subscription subscription = subscriptions.locked(id);
        Instant now = clock.instant();
        PlanChangeQuote quote = quoting.quote(subscription, toPlanCode, now);
        if (quote.timing() != ChangeTiming.PERIOD_END) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "change-is-immediate",
                    "This change takes effect now; confirm it with its prorated charge");
        }
        if (toPlanCode == null) {
            transitions.scheduleCancel(id, now);
            history.history(id, HistoryEvent.CANCEL_SCHEDULED, "at " + quote.effectiveAt(), now);
        } else {
            Plan to = catalog.current().plan(toPlanCode).orElseThrow();
            Money price = quoting.priceFor(subscription, to);
            transitions.schedule(id, to.code(), catalog.current().number(), price.minor(), now);
            history.history(
                    id,
                    HistoryEvent.CHANGE_SCHEDULED,
                    subscription.planCode() + " → " + to.code() + " at " + quote.effectiveAt(),
                    now);
        }
        events.publishEvent(new SubscriptionChangeScheduled(
                id, subscription.accountId(), toPlanCode, toPlanCode == null, quote.effectiveAt()));
        return current(id);
    }

    @Transactional
    public Subscription undoScheduledChange(SubscriptionId id) {
        Subscription subscription = subscriptions.locked(id);
        if (!subscription.cancelAtPeriodEnd() && subscription.scheduledChange() == null) {
            throw new DomainException(DomainException.Kind.CONFLICT, "nothing-scheduled", "No change is scheduled");
        }
        Instant now = clock.instant();
        transitions.clearSchedule(id, now);
        history.history(id, HistoryEvent.SCHEDULE_UNDONE, null, now);
        events.publishEvent(new SubscriptionChangeUndone(id, subscription.accountId(), now));
        return current(id);
    }

    private Subscription current(SubscriptionId id) {
        return subscriptions.find(id).orElseThrow(() -> new NotFoundException("subscription", id));
    }
}
