package com.abacus.subscriptions;

import com.abacus.catalog.BillingInterval;
import com.abacus.catalog.Catalog;
import com.abacus.catalog.CatalogVersion;
import com.abacus.catalog.ChangeTiming;
import com.abacus.catalog.Plan;
import com.abacus.catalog.Product;
import com.abacus.shared.AccountId;
import com.abacus.shared.DomainException;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.Money;
import com.abacus.shared.NotFoundException;
import com.abacus.subscriptions.PlanChangeQuote.Direction;
import com.abacus.subscriptions.internal.SubscriptionRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Subscription lifecycle. Every transition publishes an event in the same transaction (recorded in the event
 * publication registry), which entitlements, invoicing and revenue react to.
 */
@Service
public class Subscriptions {

    private final SubscriptionRepository subscriptions;
    private final Catalog catalog;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Subscriptions(SubscriptionRepository subscriptions, Catalog catalog, ApplicationEventPublisher events, Clock clock) {
        this.subscriptions = subscriptions;
        this.catalog = catalog;
        this.events = events;
        this.clock = clock;
    }

    // --- reading ---------------------------------------------------------------------------------------------------

    public Subscription get(SubscriptionId id) {
        return subscriptions.find(id).orElseThrow(() -> new NotFoundException("subscription", id));
    }

    public List<Subscription> forAccount(AccountId account) {
        return subscriptions.forAccount(account);
    }

    public Optional<Subscription> liveForProduct(AccountId account, String product) {
        return subscriptions.liveForProduct(account, product);
    }

    public boolean trialAvailable(AccountId account, Plan plan) {
        return plan.trialDays() > 0 && !subscriptions.hadTrial(account, plan.product());
    }

    public long countDueForRenewal(Instant asOf) {
        return subscriptions.countDueForRenewal(asOf);
    }

    public List<Subscription> pastDue() {
        return subscriptions.pastDue();
    }

    public Map<String, Long> liveCountByPlan() {
        return subscriptions.liveCountByPlan();
    }

    public Map<String, Long> liveCountByPlanAndCurrency() {
        return subscriptions.liveCountByPlanAndCurrency();
    }

    public record HistoryItem(Instant at, String event, String detail) {}

    public List<HistoryItem> history(SubscriptionId id) {
        return subscriptions.historyOf(id).stream().map(h -> new HistoryItem(h.at(), h.event(), h.detail())).toList();
    }

    // --- prices ----------------------------------------------------------------------------------------------------

    /** The price this account pays for a plan: its enterprise contract price if one is valid, else the catalog's. */
    public Money priceFor(AccountId account, Plan plan, String currency) {
        LocalDate today = LocalDate.now(clock);
        return subscriptions.contracts(account).stream()
                .filter(c -> c.planCode().equals(plan.code()) && c.price().currencyCode().equals(currency))
                .filter(c -> c.validUntil() == null || !c.validUntil().isBefore(today))
                .map(ContractPrice::price)
                .findFirst()
                .or(() -> plan.price(currency))
                .orElseThrow(() -> new InvalidInputException("currency", "plan " + plan.code() + " has no " + currency + " price"));
    }

    @Transactional
    public ContractPrice setContractPrice(AccountId account, String planCode, Money price, String terms, LocalDate validUntil,
            String by) {
        catalog.current().plan(planCode).orElseThrow(() -> new InvalidInputException("plan", "unknown plan " + planCode));
        if (price.isNegative()) {
            throw new InvalidInputException("price", "must not be negative");
        }
        ContractPrice contract = new ContractPrice(account, planCode, price, terms, validUntil, by, clock.instant());
        subscriptions.upsertContract(contract);
        return contract;
    }

    public List<ContractPrice> contracts(AccountId account) {
        return subscriptions.contracts(account);
    }

    // --- start -----------------------------------------------------------------------------------------------------

    @Transactional
    public Subscription start(StartSubscription command) {
        Plan plan = command.plan();
        Instant now = clock.instant();
        boolean trialing = command.trial();
        if (trialing && !trialAvailable(command.accountId(), plan)) {
            throw new DomainException(DomainException.Kind.CONFLICT, "trial-used", "The trial of " + plan.product() + " was already used");
        }
        Instant trialEnd = trialing ? BillingPeriods.plusDays(now, command.timeZone(), plan.trialDays()) : null;
        BillingPeriod period = trialing ? new BillingPeriod(now, trialEnd, command.timeZone())
                : BillingPeriods.period(now, command.timeZone(), plan.interval().months(), 0);
        Subscription subscription = new Subscription(command.id(), command.accountId(), plan.product(),
                plan.code(), command.catalogVersion(), plan.interval(), command.price(), List.copyOf(command.addOns()),
                trialing ? SubscriptionStatus.TRIALING : SubscriptionStatus.ACTIVE, command.timeZone(), now, 0, period, trialEnd,
                false, null, null, null, null, now);
        try {
            subscriptions.insert(subscription, now);
        } catch (DuplicateKeyException e) {
            throw new DomainException(DomainException.Kind.CONFLICT, "already-subscribed",
                    "The account already has a subscription to " + plan.product() + "; change its plan instead");
        }
        subscriptions.history(subscription.id(), trialing ? "TRIAL_STARTED" : "ACTIVATED", plan.code(), now);
        events.publishEvent(new SubscriptionActivated(subscription.id(), subscription.accountId(), plan.product(), plan.code(),
                command.catalogVersion(), command.price().currencyCode(), trialing ? List.of() : subscription.periodLines(period),
                period.start(), period.end(), trialing, command.paymentId(), command.reference(), now, subscription.anchor(),
                subscription.timeZone()));
        return subscription;
    }

    // --- changes ---------------------------------------------------------------------------------------------------

    /**
     * What moving to {@code toPlan} would do (null: cancel). Rules: a higher rank is an upgrade, a lower rank a
     * downgrade, monthly to annual an upgrade; each takes effect per the product's change rules, except that an annual
     * plan always downgrades and cancels at period end.
     */
    public PlanChangeQuote quoteChange(SubscriptionId id, String toPlanCode) {
        return quote(get(id), toPlanCode, clock.instant());
    }

    private PlanChangeQuote quote(Subscription subscription, String toPlanCode, Instant now) {
        if (!subscription.status().isLive()) {
            throw new DomainException(DomainException.Kind.CONFLICT, "subscription-canceled", "The subscription has ended");
        }
        CatalogVersion current = catalog.current();
        Product product = current.product(subscription.product())
                .orElseThrow(() -> new DomainException(DomainException.Kind.CONFLICT, "product-retired", "Product no longer sold"));
        Plan from = catalog.plan(subscription.catalogVersion(), subscription.planCode());
        boolean annual = subscription.interval() == BillingInterval.YEAR;
        Instant periodEnd = subscription.currentPeriod().end();
        if (toPlanCode == null) {
            ChangeTiming timing = annual ? ChangeTiming.PERIOD_END : product.changes().cancel();
            return new PlanChangeQuote(subscription.id(), from.code(), null, Direction.CANCEL, timing,
                    timing == ChangeTiming.PERIOD_END ? periodEnd : now, List.of(), Money.zero(subscription.price().currency()), 0,
                    subscription.currentPeriod().days());
        }
        Plan to = product.plan(toPlanCode)
                .orElseThrow(() -> new InvalidInputException("plan", "plan " + toPlanCode + " is not a plan of " + product.code()));
        if (to.code().equals(from.code()) && subscription.scheduledChange() == null) {
            throw new InvalidInputException("plan", "the subscription is already on " + to.code());
        }
        boolean upgrade = to.rank() > from.rank()
                || (to.rank() == from.rank() && to.interval().months() > from.interval().months());
        ChangeTiming timing = upgrade ? product.changes().upgrade() : product.changes().downgrade();
        if (!upgrade && annual) {
            timing = ChangeTiming.PERIOD_END;
        }
        if (subscription.status() == SubscriptionStatus.TRIALING) {
            // During a trial nothing was paid: switch plan now, nothing to prorate.
            timing = ChangeTiming.IMMEDIATE;
        }
        Money newPrice = priceFor(subscription.accountId(), to, subscription.price().currencyCode());
        if (timing == ChangeTiming.PERIOD_END || subscription.status() == SubscriptionStatus.TRIALING) {
            return new PlanChangeQuote(subscription.id(), from.code(), to.code(), upgrade ? Direction.UPGRADE : Direction.DOWNGRADE,
                    timing, timing == ChangeTiming.PERIOD_END ? periodEnd : now, List.of(), Money.zero(newPrice.currency()), 0,
                    subscription.currentPeriod().days());
        }
        Proration.Result proration = to.interval() == from.interval()
                ? Proration.sameInterval(subscription.currentPeriod(), now, from.code(), subscription.price(), to.code(), newPrice)
                : Proration.newInterval(subscription.currentPeriod(), now, from.code(), subscription.price(),
                        BillingPeriods.period(now, subscription.timeZone(), to.interval().months(), 0), to.code(), newPrice);
        return new PlanChangeQuote(subscription.id(), from.code(), to.code(), upgrade ? Direction.UPGRADE : Direction.DOWNGRADE,
                timing, now, proration.lines(), proration.amountDue(), proration.unusedDays(), proration.periodDays());
    }

    /**
     * Applies an accepted change that takes effect now, after its prorated amount was paid. Refused if the subscription
     * moved on since the quote (another change applied, canceled).
     */
    @Transactional
    public Subscription changeNow(SubscriptionId id, PlanChangeQuote accepted, String paymentId) {
        Subscription subscription = subscriptions.lock(id).orElseThrow(() -> new NotFoundException("subscription", id));
        Instant now = clock.instant();
        PlanChangeQuote quote = accepted;
        if (!subscription.status().isLive() || !subscription.planCode().equals(accepted.fromPlan())
                || accepted.timing() != ChangeTiming.IMMEDIATE) {
            throw new DomainException(DomainException.Kind.CONFLICT, "quote-expired", "The subscription changed since this quote; quote again");
        }
        Plan to = catalog.current().plan(quote.toPlan()).orElseThrow();
        Money newPrice = priceFor(subscription.accountId(), to, subscription.price().currencyCode());
        Instant anchor = subscription.anchor();
        int index = subscription.periodIndex();
        BillingPeriod period = subscription.currentPeriod();
        if (to.interval() != subscription.interval() && subscription.status() != SubscriptionStatus.TRIALING) {
            anchor = now;
            index = 0;
            period = BillingPeriods.period(now, subscription.timeZone(), to.interval().months(), 0);
        }
        subscriptions.updatePlan(id, to.code(), catalog.current().number(), to.interval(), newPrice.minor(), anchor, index, period, now);
        subscriptions.history(id, "PLAN_CHANGED", subscription.planCode() + " → " + to.code() + " (charged " + quote.amountDueNow() + ")", now);
        events.publishEvent(new SubscriptionPlanChanged(id, subscription.accountId(), subscription.planCode(), to.code(),
                catalog.current().number(), newPrice.currencyCode(), quote.prorationLines(), paymentId, now));
        return get(id);
    }

    /** Schedules a downgrade or cancellation for the end of the paid period; service is unchanged until then. */
    @Transactional
    public Subscription scheduleChange(SubscriptionId id, String toPlanCode) {
        Subscription subscription = subscriptions.lock(id).orElseThrow(() -> new NotFoundException("subscription", id));
        Instant now = clock.instant();
        PlanChangeQuote quote = quote(subscription, toPlanCode, now);
        if (quote.timing() != ChangeTiming.PERIOD_END) {
            throw new DomainException(DomainException.Kind.CONFLICT, "change-is-immediate",
                    "This change takes effect now; confirm it with its prorated charge");
        }
        if (toPlanCode == null) {
            subscriptions.scheduleCancel(id, now);
            subscriptions.history(id, "CANCEL_SCHEDULED", "at " + quote.effectiveAt(), now);
        } else {
            Plan to = catalog.current().plan(toPlanCode).orElseThrow();
            Money price = priceFor(subscription.accountId(), to, subscription.price().currencyCode());
            subscriptions.schedule(id, to.code(), catalog.current().number(), price.minor(), now);
            subscriptions.history(id, "CHANGE_SCHEDULED", subscription.planCode() + " → " + to.code() + " at " + quote.effectiveAt(), now);
        }
        events.publishEvent(new SubscriptionChangeScheduled(id, subscription.accountId(), toPlanCode, toPlanCode == null,
                quote.effectiveAt()));
        return get(id);
    }

    @Transactional
    public Subscription undoScheduledChange(SubscriptionId id) {
        Subscription subscription = subscriptions.lock(id).orElseThrow(() -> new NotFoundException("subscription", id));
        if (!subscription.cancelAtPeriodEnd() && subscription.scheduledChange() == null) {
            throw new DomainException(DomainException.Kind.CONFLICT, "nothing-scheduled", "No change is scheduled");
        }
        Instant now = clock.instant();
        subscriptions.clearSchedule(id, now);
        subscriptions.history(id, "SCHEDULE_UNDONE", null, now);
        events.publishEvent(new SubscriptionChangeUndone(id, subscription.accountId(), now));
        return get(id);
    }

    // --- renewal and dunning ---------------------------------------------------------------------------------------

    /**
     * Starts the next period if the current one ended at {@code expectedPeriodEnd}; idempotent per period, so a run
     * that is repeated after a crash finds ALREADY_RENEWED and bills nothing twice. Applies a scheduled change or
     * cancellation first, and converts a trial.
     */
    @Transactional
    public RenewalOutcome renew(SubscriptionId id, Instant expectedPeriodEnd) {
        Subscription subscription = subscriptions.lock(id).orElseThrow(() -> new NotFoundException("subscription", id));
        Instant now = clock.instant();
        if (!subscription.currentPeriod().end().equals(expectedPeriodEnd) || !subscription.status().isLive()) {
            return new RenewalOutcome(RenewalOutcome.Kind.ALREADY_RENEWED, subscription, null, List.of());
        }
        if (subscription.currentPeriod().end().isAfter(now)) {
            return new RenewalOutcome(RenewalOutcome.Kind.NOT_DUE, subscription, null, List.of());
        }
        if (subscription.cancelAtPeriodEnd()) {
            cancel(subscription, "PERIOD_END", subscription.currentPeriod().end());
            return new RenewalOutcome(RenewalOutcome.Kind.CANCELED, get(id), null, List.of());
        }
        boolean planChanged = false;
        boolean trialConverted = subscription.status() == SubscriptionStatus.TRIALING;
        if (trialConverted) {
            BillingPeriod first = BillingPeriods.period(subscription.trialEnd(), subscription.timeZone(), subscription.interval().months(), 0);
            subscriptions.trialConverted(id, subscription.trialEnd(), first, now);
            subscriptions.history(id, "TRIAL_CONVERTED", null, now);
        } else if (subscription.scheduledChange() != null) {
            var change = subscription.scheduledChange();
            Plan to = catalog.plan(change.catalogVersion(), change.planCode());
            Instant anchor = subscription.anchor();
            int index = subscription.periodIndex() + 1;
            if (to.interval() != subscription.interval()) {
                anchor = subscription.currentPeriod().end();
                index = 0;
            }
            BillingPeriod next = BillingPeriods.period(anchor, subscription.timeZone(), to.interval().months(), index);
            subscriptions.updatePlan(id, to.code(), change.catalogVersion(), to.interval(), change.price().minor(), anchor, index, next, now);
            subscriptions.history(id, "CHANGE_APPLIED", subscription.planCode() + " → " + to.code(), now);
            planChanged = true;
        } else {
            int index = subscription.periodIndex() + 1;
            BillingPeriod next = BillingPeriods.period(subscription.anchor(), subscription.timeZone(), subscription.interval().months(), index);
            subscriptions.updatePlan(id, subscription.planCode(), subscription.catalogVersion(), subscription.interval(),
                    subscription.price().minor(), subscription.anchor(), index, next, now);
            subscriptions.history(id, "RENEWED", null, now);
        }
        Subscription renewed = get(id);
        List<ChargeLine> lines = renewed.periodLines(renewed.currentPeriod());
        events.publishEvent(new SubscriptionRenewed(id, renewed.accountId(), renewed.planCode(), renewed.catalogVersion(),
                renewed.price().currencyCode(), lines, renewed.currentPeriod().start(), renewed.currentPeriod().end(), planChanged, trialConverted, now));
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
            boolean plain = due.status() == SubscriptionStatus.ACTIVE && !due.cancelAtPeriodEnd() && due.scheduledChange() == null;
            if (!plain || due.currentPeriod().end().isAfter(now)) {
                oneByOne.add(due.id());
                continue;
            }
            int index = due.periodIndex() + 1;
            BillingPeriod next = BillingPeriods.period(due.anchor(), due.timeZone(), due.interval().months(), index);
            Subscription after = due.renewedTo(index, next);
            renewed.add(new DueRenewals.Renewal(due, after, after.periodLines(next)));
        }
        subscriptions.renewAll(renewed.stream().map(DueRenewals.Renewal::after).toList(), now);
        for (DueRenewals.Renewal renewal : renewed) {
            Subscription after = renewal.after();
            events.publishEvent(new SubscriptionRenewed(after.id(), after.accountId(), after.planCode(), after.catalogVersion(),
                    after.price().currencyCode(), renewal.lines(), after.currentPeriod().start(), after.currentPeriod().end(), false,
                    false, now));
        }
        return new DueRenewals(renewed, oneByOne);
    }

    @Transactional
    public void markPastDue(SubscriptionId id) {
        Subscription subscription = subscriptions.lock(id).orElseThrow(() -> new NotFoundException("subscription", id));
        if (subscription.status() == SubscriptionStatus.PAST_DUE || !subscription.status().isLive()) {
            return;
        }
        Instant now = clock.instant();
        subscriptions.status(id, SubscriptionStatus.PAST_DUE, now, null, null, now);
        subscriptions.history(id, "PAST_DUE", null, now);
        events.publishEvent(new SubscriptionPastDue(id, subscription.accountId(), now));
    }

    @Transactional
    public void reactivate(SubscriptionId id) {
        Subscription subscription = subscriptions.lock(id).orElseThrow(() -> new NotFoundException("subscription", id));
        if (subscription.status() != SubscriptionStatus.PAST_DUE) {
            return;
        }
        Instant now = clock.instant();
        subscriptions.status(id, SubscriptionStatus.ACTIVE, null, null, null, now);
        subscriptions.history(id, "REACTIVATED", null, now);
        events.publishEvent(new SubscriptionReactivated(id, subscription.accountId(), now));
    }

    /** Ends a subscription now: dunning exhausted ({@code NON_PAYMENT}) or staff ({@code STAFF: reason}). */
    @Transactional
    public void cancelNow(SubscriptionId id, String reason) {
        Subscription subscription = subscriptions.lock(id).orElseThrow(() -> new NotFoundException("subscription", id));
        if (!subscription.status().isLive()) {
            return;
        }
        cancel(subscription, reason, clock.instant());
    }

    private void cancel(Subscription subscription, String reason, Instant at) {
        Instant now = clock.instant();
        subscriptions.status(subscription.id(), SubscriptionStatus.CANCELED, subscription.pastDueSince(), at, reason, now);
        subscriptions.history(subscription.id(), "CANCELED", reason, now);
        events.publishEvent(new SubscriptionCanceled(subscription.id(), subscription.accountId(), subscription.product(), reason, at));
    }

    // --- catalog migration -----------------------------------------------------------------------------------------

    /**
     * Moves live subscriptions of a plan from one catalog version to another (grandfathering ends). Each moves to the
     * new version's price in its own currency from its next renewal; accounts with a contract price keep it.
     */
    @Transactional
    public int migrateToVersion(String planCode, int fromVersion, int toVersion, String by) {
        if (toVersion <= fromVersion) {
            throw new InvalidInputException("toVersion", "must be newer than " + fromVersion);
        }
        Plan target = catalog.version(toVersion).plan(planCode)
                .orElseThrow(() -> new InvalidInputException("plan", planCode + " does not exist in version " + toVersion));
        Instant now = clock.instant();
        int moved = 0;
        for (var price : target.prices().entrySet()) {
            moved += subscriptions.migrateVersion(planCode, fromVersion, toVersion, price.getValue().minor(), price.getKey(), now);
        }
        events.publishEvent(new SubscriptionsMigrated(planCode, fromVersion, toVersion, moved, by, now));
        return moved;
    }

}
