package com.abacus.checkout;

import com.abacus.catalog.Catalog;
import com.abacus.catalog.ChangeTiming;
import com.abacus.checkout.internal.OrderPayment;
import com.abacus.checkout.internal.OrderRepository;
import com.abacus.checkout.internal.OrderRepository.OrderRow;
import com.abacus.shared.AccountId;
import com.abacus.shared.DomainException;
import com.abacus.shared.Money;
import com.abacus.shared.NotFoundException;
import com.abacus.subscriptions.PlanChangeQuote;
import com.abacus.subscriptions.PlanChanges;
import com.abacus.subscriptions.Subscription;
import com.abacus.subscriptions.SubscriptionId;
import com.abacus.subscriptions.SubscriptionLifecycle;
import com.abacus.subscriptions.Subscriptions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * What a customer does to a subscription they have: change the plan (an upgrade now, paid and prorated; a downgrade
 * at the period end), cancel, undo what is scheduled. Entitlements follow from the subscription events their
 * listeners handle in the same transaction; nothing here writes them.
 */
@Service
public class SubscriptionChanges {

    private final Catalog catalog;
    private final Subscriptions subscriptions;
    private final SubscriptionLifecycle lifecycle;
    private final PlanChanges planChanges;
    private final OrderRepository orders;
    private final OrderPayment payment;
    private final Clock clock;

    SubscriptionChanges(
            Catalog catalog,
            Subscriptions subscriptions,
            SubscriptionLifecycle lifecycle,
            PlanChanges planChanges,
            OrderRepository orders,
            OrderPayment payment,
            Clock clock) {
        this.catalog = catalog;
        this.subscriptions = subscriptions;
        this.lifecycle = lifecycle;
        this.planChanges = planChanges;
        this.orders = orders;
        this.payment = payment;
        this.clock = clock;
    }

    /** One of the account's subscriptions; another account's answers 404, as if it did not exist. */
    public Subscription subscription(AccountId account, SubscriptionId id) {
        return owned(account, id);
    }

    public PlanChangeQuote quoteChange(AccountId account, SubscriptionId id, String toPlan) {
        return planChanges.quoteChange(owned(account, id), toPlan);
    }

    public record ChangeResult(PlanChangeQuote quote, Order order, Subscription subscription) {}

    /**
     * Changes the plan. An upgrade takes effect now: its prorated amount is charged first (idempotently) and the plan
     * changes when it is paid. A downgrade is scheduled for the period end. {@code expectedAmount}, when given, must
     * match today's price of the change (the customer confirmed that amount).
     */
    public ChangeResult changePlan(
            AccountId account, SubscriptionId id, String toPlan, Money expectedAmount, String idempotencyKey) {
        OrderPayment.requireKey(idempotencyKey);
        Subscription subscription = owned(account, id);
        Optional<OrderRow> previous = orders.findByKey(account, idempotencyKey);
        if (previous.isPresent()) {
            return new ChangeResult(previous.get().changeQuote(), previous.get().order(), subscription);
        }
        PlanChangeQuote quote = planChanges.quoteChange(subscription, toPlan);
        if (expectedAmount != null && !expectedAmount.equals(quote.amountDueNow())) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "quote-expired",
                    "The change now costs " + quote.amountDueNow() + ", not " + expectedAmount
                            + "; confirm the new amount",
                    Map.of("amountDue", quote.amountDueNow().toPlainString()));
        }
        if (quote.timing() == ChangeTiming.PERIOD_END) {
            Subscription scheduled = planChanges.scheduleChange(id, toPlan);
            return new ChangeResult(quote, null, scheduled);
        }
        Order order = Order.planChange(account, id.toString(), toPlan, quote.amountDueNow(), clock.instant());
        int catalogVersion = catalog.current().number();
        OrderRow row = new OrderRow(order, catalogVersion, quote);
        try {
            orders.insert(row, idempotencyKey, null);
        } catch (DuplicateKeyException e) {
            OrderRow existing = orders.findByKey(account, idempotencyKey).orElseThrow();
            return new ChangeResult(existing.changeQuote(), existing.order(), subscriptions.get(id));
        }
        Order result = quote.amountDueNow().isPositive()
                ? payment.pay(row, null, quote.amountDueNow(), "Change to " + toPlan)
                : payment.finish(row, null);
        return new ChangeResult(quote, result, subscriptions.get(id));
    }

    public Subscription cancel(AccountId account, SubscriptionId id) {
        PlanChangeQuote quote = planChanges.quoteChange(owned(account, id), null);
        if (quote.timing() == ChangeTiming.IMMEDIATE) {
            lifecycle.cancelNow(id, "CUSTOMER");
            return subscriptions.get(id);
        }
        Subscription scheduled = planChanges.scheduleChange(id, null);
        return scheduled;
    }

    public Subscription undoScheduledChange(AccountId account, SubscriptionId id) {
        owned(account, id);
        return planChanges.undoScheduledChange(id);
    }

    public List<Subscription> subscriptions(AccountId account) {
        return subscriptions.forAccount(account);
    }

    private Subscription owned(AccountId account, SubscriptionId id) {
        Subscription subscription = subscriptions.get(id);
        if (!subscription.accountId().equals(account)) {
            throw new NotFoundException("subscription", id);
        }
        return subscription;
    }
}
