package com.abacus.checkout;

import com.abacus.catalog.Catalog;
import com.abacus.catalog.CatalogVersion;
import com.abacus.checkout.internal.OrderCompletion;
import com.abacus.checkout.internal.OrderPayment;
import com.abacus.checkout.internal.OrderPaymentMethods;
import com.abacus.checkout.internal.OrderPlacement;
import com.abacus.checkout.internal.OrderQuotes;
import com.abacus.checkout.internal.OrderRepository;
import com.abacus.checkout.internal.OrderRepository.OrderRow;
import com.abacus.shared.AccountId;
import com.abacus.shared.DomainException;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.NotFoundException;
import com.abacus.subscriptions.Subscription;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * The flow the customer waits on: quote, pay, activate, grant. Placing an order is idempotent per (account,
 * Idempotency-Key), and its charge carries the order's own key to the processor, so retries never charge twice. When
 * the answer comes back the subscription is active and its entitlements are served.
 */
@Service
public class Checkout {

    private static final Logger log = LoggerFactory.getLogger(Checkout.class);

    private final Catalog catalog;
    private final OrderQuotes quotes;
    private final OrderRepository orders;
    private final OrderCompletion completion;
    private final OrderPayment payment;
    private final OrderPaymentMethods methods;
    private final OrderPlacement placement;

    Checkout(
            Catalog catalog,
            OrderQuotes quotes,
            OrderRepository orders,
            OrderCompletion completion,
            OrderPayment payment,
            OrderPaymentMethods methods,
            OrderPlacement placement) {
        this.catalog = catalog;
        this.quotes = quotes;
        this.orders = orders;
        this.completion = completion;
        this.payment = payment;
        this.methods = methods;
        this.placement = placement;
    }

    // --- quotes ----------------------------------------------------------------------------------------------------

    public Quote quote(
            AccountId account,
            String planCode,
            String currency,
            Map<String, Integer> addOns,
            @Nullable String promotionCode) {
        return quotes.quote(catalog.current(), account, planCode, currency, addOns, true, false, promotionCode);
    }

    // --- orders ----------------------------------------------------------------------------------------------------

    /**
     * Places an order and pays for it. Returns the order COMPLETED (subscription active, entitlements granted) or
     * PAYMENT_PENDING (the processor's verdict will arrive later); a declined payment throws {@code payment-declined}
     * with the order id, leaving no subscription.
     */
    public Order placeOrder(PlaceOrder command) {
        OrderPayment.requireKey(command.idempotencyKey());
        Optional<OrderRow> previous = orders.findByKey(command.accountId(), command.idempotencyKey());
        if (previous.isPresent()) {
            return replayed(previous.get().order());
        }
        CatalogVersion version = catalog.current();
        Quote quote = quotes.quote(
                version,
                command.accountId(),
                command.planCode(),
                command.currency(),
                command.addOns(),
                command.trial(),
                true,
                command.promotionCode());
        if (command.trial() && !quote.trialAvailable()) {
            throw new InvalidInputException("trial", "no trial is available for this plan and account");
        }
        // Everything that can be refused is refused before the order is written: bad input leaves no trace.
        methods.check(command);
        String product = OrderQuotes.plan(version, quote.planCode()).product();
        OrderRow row;
        try {
            row = placement.place(command, quote, version, product);
        } catch (DuplicateKeyException e) {
            // The same key raced us (that request owns the order), or another purchase of the product is in flight.
            Optional<OrderRow> raced = orders.findByKey(command.accountId(), command.idempotencyKey());
            if (raced.isPresent()) {
                return replayed(raced.get().order());
            }
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "order-in-progress",
                    "Another order for this product is being processed for the account; wait for it to finish");
        }
        // Checked again now that no other purchase of the product can be in flight: one that completed after the quote
        // was priced has started its subscription, and this order must not charge for a second one.
        Optional<Subscription> live = quotes.liveSubscription(command.accountId(), product);
        if (live.isPresent()) {
            completion.fail(row.order(), null, "already-subscribed", "The account already subscribes to this product");
            throw OrderQuotes.alreadySubscribed(live.get());
        }
        UUID methodId;
        try {
            methodId = methods.save(command);
        } catch (DomainException e) {
            completion.fail(row.order(), null, e.code(), e.getMessage());
            throw e;
        }
        // A trial, or an order a coupon makes free (100% off), has nothing to charge today.
        if (command.trial() || quote.total().isZero()) {
            return payment.finish(row, null);
        }
        // As the customer reads it on a processor's page and their statement: "Subscription to Edge Network Pro".
        var plan = OrderQuotes.plan(version, quote.planCode());
        String planName = version.products().stream()
                .filter(p -> p.code().equals(plan.product()))
                .findFirst()
                .map(p -> com.abacus.catalog.CatalogNames.planName(p, plan))
                .orElse(quote.planName());
        return payment.pay(row, methodId, quote.total(), "Subscription to " + planName);
    }

    /**
     * The order a retry with the same key finds, as it stands now. A failed order is answered as the failure it is
     * (402 if its payment failed, 409 otherwise), never as an order accepted: the customer must not wait for it.
     */
    private static Order replayed(Order order) {
        if (order.status() != Order.Status.FAILED) {
            return order;
        }
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("orderId", order.id().toString());
        details.put("orderStatus", "failed");
        if (order.failureCode() != null) {
            details.put("failureCode", order.failureCode());
        }
        String reason = order.failureMessage() == null ? "" : ": " + order.failureMessage();
        if (order.paymentId() != null) {
            throw new DomainException(
                    DomainException.Kind.PAYMENT_FAILED,
                    "payment-declined",
                    "This order failed; its payment did not go through" + reason
                            + ". Place a new order with a new key.",
                    details);
        }
        throw new DomainException(
                DomainException.Kind.CONFLICT,
                "order-failed",
                "This order failed before any charge" + reason + ". Place a new order with a new key.",
                details);
    }

    public Order order(AccountId account, OrderId id) {
        return orders.find(id)
                .map(OrderRow::order)
                .filter(o -> o.accountId().equals(account))
                .orElseThrow(() -> new NotFoundException("order", id));
    }

    public List<Order> orders(AccountId account) {
        return orders.forAccount(account);
    }
}
