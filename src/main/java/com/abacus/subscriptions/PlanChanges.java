package com.abacus.subscriptions;

import com.abacus.catalog.BillingInterval;
import com.abacus.catalog.Catalog;
import com.abacus.catalog.CatalogVersion;
import com.abacus.catalog.ChangeTiming;
import com.abacus.catalog.Plan;
import com.abacus.catalog.Product;
import com.abacus.shared.DomainException;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.Money;
import com.abacus.shared.NotFoundException;
import com.abacus.subscriptions.PlanChangeQuote.Direction;
import com.abacus.subscriptions.internal.HistoryEvent;
import com.abacus.subscriptions.internal.SubscriptionRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
    private final Catalog catalog;
    private final ContractPrices prices;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PlanChanges(
            SubscriptionRepository subscriptions,
            Catalog catalog,
            ContractPrices prices,
            ApplicationEventPublisher events,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.catalog = catalog;
        this.prices = prices;
        this.events = events;
        this.clock = clock;
    }

    /**
     * What moving to {@code toPlan} would do (null: cancel). Rules: a higher rank is an upgrade, a lower rank a
     * downgrade, monthly to annual an upgrade; each takes effect per the product's change rules, except that an annual
     * plan always downgrades and cancels at period end.
     */
    public PlanChangeQuote quoteChange(SubscriptionId id, String toPlanCode) {
        return quote(current(id), toPlanCode, clock.instant());
    }

    /** The same for a subscription the caller has just read (no second read of its row). */
    public PlanChangeQuote quoteChange(Subscription subscription, String toPlanCode) {
        return quote(subscription, toPlanCode, clock.instant());
    }

    private PlanChangeQuote quote(Subscription subscription, String toPlanCode, Instant now) {
        if (!subscription.status().isLive()) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT, "subscription-canceled", "The subscription has ended");
        }
        CatalogVersion current = catalog.current();
        Product product = current.product(subscription.product())
                .orElseThrow(() -> new DomainException(
                        DomainException.Kind.CONFLICT, "product-retired", "Product no longer sold"));
        Plan from = catalog.plan(subscription.catalogVersion(), subscription.planCode());
        boolean annual = subscription.interval() == BillingInterval.YEAR;
        Instant periodEnd = subscription.currentPeriod().end();
        if (toPlanCode == null) {
            ChangeTiming timing =
                    annual ? ChangeTiming.PERIOD_END : product.changes().cancel();
            return new PlanChangeQuote(
                    subscription.id(),
                    from.code(),
                    null,
                    Direction.CANCEL,
                    timing,
                    timing == ChangeTiming.PERIOD_END ? periodEnd : now,
                    List.of(),
                    Money.zero(subscription.price().currency()),
                    0,
                    subscription.currentPeriod().days());
        }
        Plan to = product.plan(toPlanCode)
                .orElseThrow(() -> new InvalidInputException(
                        "plan", "plan " + toPlanCode + " is not a plan of " + product.code()));
        if (to.code().equals(from.code()) && subscription.scheduledChange() == null) {
            throw new InvalidInputException("plan", "the subscription is already on " + to.code());
        }
        boolean upgrade = to.rank() > from.rank()
                || (to.rank() == from.rank()
                        && to.interval().months() > from.interval().months());
        ChangeTiming timing =
                upgrade ? product.changes().upgrade() : product.changes().downgrade();
        if (!upgrade && annual) {
            timing = ChangeTiming.PERIOD_END;
        }
        if (subscription.status() == SubscriptionStatus.TRIALING) {
            // During a trial nothing was paid: switch plan now, nothing to prorate.
            timing = ChangeTiming.IMMEDIATE;
        }
        Money newPrice = prices.priceFor(
                subscription.accountId(), to, subscription.price().currencyCode());
        if (timing == ChangeTiming.PERIOD_END || subscription.status() == SubscriptionStatus.TRIALING) {
            return new PlanChangeQuote(
                    subscription.id(),
                    from.code(),
                    to.code(),
                    upgrade ? Direction.UPGRADE : Direction.DOWNGRADE,
                    timing,
                    timing == ChangeTiming.PERIOD_END ? periodEnd : now,
                    List.of(),
                    Money.zero(newPrice.currency()),
                    0,
                    subscription.currentPeriod().days());
        }
        Proration.Result proration = to.interval() == from.interval()
                ? Proration.sameInterval(
                        subscription.currentPeriod(), now, from.code(), subscription.price(), to.code(), newPrice)
                : Proration.newInterval(
                        subscription.currentPeriod(),
                        now,
                        from.code(),
                        subscription.price(),
                        BillingPeriods.period(
                                now, subscription.timeZone(), to.interval().months(), 0),
                        to.code(),
                        newPrice);
        return new PlanChangeQuote(
                subscription.id(),
                from.code(),
                to.code(),
                upgrade ? Direction.UPGRADE : Direction.DOWNGRADE,
                timing,
                now,
                proration.lines(),
                proration.amountDue(),
                proration.unusedDays(),
                proration.periodDays());
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
        Money newPrice = prices.priceFor(
                subscription.accountId(), to, subscription.price().currencyCode());
        Instant anchor = subscription.anchor();
        int index = subscription.periodIndex();
        BillingPeriod period = subscription.currentPeriod();
        if (to.interval() != subscription.interval() && subscription.status() != SubscriptionStatus.TRIALING) {
            anchor = now;
            index = 0;
            period = BillingPeriods.period(
                    now, subscription.timeZone(), to.interval().months(), 0);
        }
        subscriptions.updatePlan(
                id, to.code(), catalog.current().number(), to.interval(), newPrice.minor(), anchor, index, period, now);
        subscriptions.history(
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
        PlanChangeQuote quote = quote(subscription, toPlanCode, now);
        if (quote.timing() != ChangeTiming.PERIOD_END) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "change-is-immediate",
                    "This change takes effect now; confirm it with its prorated charge");
        }
        if (toPlanCode == null) {
            subscriptions.scheduleCancel(id, now);
            subscriptions.history(id, HistoryEvent.CANCEL_SCHEDULED, "at " + quote.effectiveAt(), now);
        } else {
            Plan to = catalog.current().plan(toPlanCode).orElseThrow();
            Money price = prices.priceFor(
                    subscription.accountId(), to, subscription.price().currencyCode());
            subscriptions.schedule(id, to.code(), catalog.current().number(), price.minor(), now);
            subscriptions.history(
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
        subscriptions.clearSchedule(id, now);
        subscriptions.history(id, HistoryEvent.SCHEDULE_UNDONE, null, now);
        events.publishEvent(new SubscriptionChangeUndone(id, subscription.accountId(), now));
        return current(id);
    }

    private Subscription current(SubscriptionId id) {
        return subscriptions.find(id).orElseThrow(() -> new NotFoundException("subscription", id));
    }
}
