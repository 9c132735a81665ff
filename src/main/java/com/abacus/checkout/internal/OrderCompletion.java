package com.abacus.checkout.internal;

import com.abacus.checkout.Order;
import com.abacus.checkout.OrderCompleted;
import com.abacus.checkout.OrderFailed;
import com.abacus.checkout.internal.OrderRepository.OrderRow;
import com.abacus.discounts.Redemptions;
import com.abacus.subscriptions.PlanChanges;
import com.abacus.subscriptions.SubscriptionId;
import com.abacus.subscriptions.SubscriptionLifecycle;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a paid order into its subscription change, in one transaction with the order's status, so an order is either
 * completed with its subscription or not at all. Whoever claims the order first (the request, or the listener of a
 * late payment verdict) completes it; the other finds it done.
 */
@Component
public class OrderCompletion {

    private final OrderRepository orders;
    private final NewSubscriptions newSubscriptions;
    private final SubscriptionLifecycle lifecycle;
    private final PlanChanges planChanges;
    private final ApplicationEventPublisher events;
    private final Redemptions redemptions;
    private final Clock clock;

    OrderCompletion(
            OrderRepository orders,
            NewSubscriptions newSubscriptions,
            SubscriptionLifecycle lifecycle,
            PlanChanges planChanges,
            ApplicationEventPublisher events,
            Redemptions redemptions,
            Clock clock) {
        this.orders = orders;
        this.newSubscriptions = newSubscriptions;
        this.lifecycle = lifecycle;
        this.planChanges = planChanges;
        this.events = events;
        this.redemptions = redemptions;
        this.clock = clock;
    }

    /**
     * Completes the order with its subscription change; the account's entitlements are granted in the same transaction
     * (entitlements handles the subscription's event synchronously).
     *
     * @return the completed order, or empty when it was already completed (by someone else)
     */
    @Transactional
    public Optional<Order> complete(OrderRow row, String paymentId) {
        Order order = row.order();
        // A new subscription's id is chosen here, so the claim below records it in the same statement.
        String subscriptionId =
                order.kind() == Order.Kind.NEW_SUBSCRIPTION ? UUID.randomUUID().toString() : order.subscriptionId();
        if (!orders.complete(order.id(), subscriptionId, paymentId, clock.instant())) {
            return Optional.empty();
        }
        if (order.kind() == Order.Kind.NEW_SUBSCRIPTION) {
            lifecycle.start(newSubscriptions.startOf(row, SubscriptionId.of(subscriptionId), paymentId));
        } else {
            planChanges.changeNow(SubscriptionId.of(subscriptionId), row.changeQuote(), paymentId);
        }
        events.publishEvent(new OrderCompleted(
                order.id(),
                order.accountId(),
                order.kind().name(),
                subscriptionId,
                paymentId,
                order.total().minor(),
                order.currency(),
                clock.instant()));
        return Optional.of(order.completed(subscriptionId, paymentId));
    }

    @Transactional
    public boolean fail(Order order, String paymentId, String code, String message) {
        boolean failed = orders.fail(order.id(), paymentId, code, message, clock.instant());
        if (failed) {
            // A failed order gives its promotion code's use back, in the same transaction as the failure.
            redemptions.release(order.id().value());
            events.publishEvent(new OrderFailed(order.id(), order.accountId(), code, clock.instant()));
        }
        return failed;
    }
}
