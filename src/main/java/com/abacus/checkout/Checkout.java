package com.abacus.checkout;

import com.abacus.catalog.AddOn;
import com.abacus.catalog.Catalog;
import com.abacus.catalog.CatalogVersion;
import com.abacus.catalog.ChangeTiming;
import com.abacus.catalog.Plan;
import com.abacus.checkout.internal.OrderCharges;
import com.abacus.checkout.internal.OrderCompletion;
import com.abacus.checkout.internal.OrderRepository;
import com.abacus.checkout.internal.OrderRepository.OrderRow;
import com.abacus.entitlements.Entitlements;
import com.abacus.payments.ChargeRequest;
import com.abacus.payments.Payment;
import com.abacus.payments.PaymentMethod;
import com.abacus.payments.PaymentStatus;
import com.abacus.payments.Payments;
import com.abacus.payments.RefundRequest;
import com.abacus.shared.AccountId;
import com.abacus.shared.DomainException;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.Money;
import com.abacus.shared.NotFoundException;
import com.abacus.subscriptions.PlanChangeQuote;
import com.abacus.subscriptions.Subscription;
import com.abacus.subscriptions.SubscriptionId;
import com.abacus.subscriptions.Subscriptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
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
    private final Subscriptions subscriptions;
    private final Payments payments;
    private final Entitlements entitlements;
    private final OrderRepository orders;
    private final OrderCompletion completion;
    private final Clock clock;

    Checkout(Catalog catalog, Subscriptions subscriptions, Payments payments, Entitlements entitlements, OrderRepository orders,
            OrderCompletion completion, Clock clock) {
        this.catalog = catalog;
        this.subscriptions = subscriptions;
        this.payments = payments;
        this.entitlements = entitlements;
        this.orders = orders;
        this.completion = completion;
        this.clock = clock;
    }

    // --- quotes ----------------------------------------------------------------------------------------------------

    public Quote quote(AccountId account, String planCode, String currency, Map<String, Integer> addOns) {
        return quote(catalog.current(), account, planCode, currency, addOns, true, false);
    }

    /**
     * {@code withTrial}: whether to find out if the account may still trial the plan (a query an order without a trial
     * skips). {@code forOrder}: an order for a product the account subscribes to already is refused (409), where a
     * quote answers the plan change instead.
     */
    private Quote quote(CatalogVersion version, AccountId account, String planCode, String currency, Map<String, Integer> addOns,
            boolean withTrial, boolean forOrder) {
        Plan plan = plan(version, planCode);
        if (plan.price(currency).isEmpty()) {
            throw new InvalidInputException("currency", "plan " + plan.code() + " is not sold in '" + currency + "'");
        }
        if (account != null) {
            Optional<Subscription> existing = subscriptions.liveForProduct(account, plan.product());
            if (existing.isPresent() && forOrder) {
                throw alreadySubscribed(existing.get());
            }
            if (existing.isPresent()) {
                PlanChangeQuote change = subscriptions.quoteChange(existing.get().id(), plan.code());
                return new Quote(plan.code(), plan.name(), plan.interval().name().toLowerCase(), currency, List.of(),
                        change.amountDueNow(), 0, false, change);
            }
        }
        Money price = account == null ? plan.price(currency).orElseThrow() : subscriptions.priceFor(account, plan, currency);
        List<Quote.Line> lines = new ArrayList<>();
        lines.add(new Quote.Line(plan.code(), plan.name() + " (" + plan.interval().name().toLowerCase() + "ly)", 1, price, price));
        Money total = price;
        for (var entry : validAddOns(version, plan, currency, addOns).entrySet()) {
            AddOn addOn = version.addOn(entry.getKey()).orElseThrow();
            Money unit = addOn.prices().get(currency);
            Money amount = unit.times(entry.getValue());
            lines.add(new Quote.Line(addOn.code(), addOn.name(), entry.getValue(), unit, amount));
            total = total.plus(amount);
        }
        boolean trialAvailable = withTrial && account != null && subscriptions.trialAvailable(account, plan);
        return new Quote(plan.code(), plan.name(), plan.interval().name().toLowerCase(), currency, lines, total, plan.trialDays(),
                trialAvailable, null);
    }

    // --- orders ----------------------------------------------------------------------------------------------------

    /**
     * Places an order and pays for it. Returns the order COMPLETED (subscription active, entitlements granted) or
     * PAYMENT_PENDING (the processor's verdict will arrive later); a declined payment throws {@code payment-declined}
     * with the order id, leaving no subscription.
     */
    public Order placeOrder(PlaceOrder command) {
        requireKey(command.idempotencyKey());
        Optional<OrderRow> previous = orders.findByKey(command.accountId(), command.idempotencyKey());
        if (previous.isPresent()) {
            return replayed(previous.get().order());
        }
        CatalogVersion version = catalog.current();
        Quote quote = quote(version, command.accountId(), command.planCode(), command.currency(), command.addOns(), command.trial(), true);
        if (command.trial() && !quote.trialAvailable()) {
            throw new InvalidInputException("trial", "no trial is available for this plan and account");
        }
        // Everything that can be refused is refused before the order is written: bad input leaves no trace.
        if (command.card() != null) {
            payments.validate(command.card());
        } else if (command.paymentMethodId() != null) {
            if (payments.paymentMethods(command.accountId()).stream().noneMatch(m -> m.id().equals(command.paymentMethodId()))) {
                throw new InvalidInputException("paymentMethod.id", "is not a card of this account");
            }
        } else if (payments.paymentMethods(command.accountId()).stream().noneMatch(PaymentMethod::isDefault)) {
            throw new InvalidInputException("paymentMethod", "a card is required");
        }
        Order order = new Order(new OrderId(UUID.randomUUID()), command.accountId(), Order.Kind.NEW_SUBSCRIPTION, quote.planCode(),
                command.currency(), quote.total(), addOnQuantities(quote), command.trial(), Order.Status.PENDING, null, null, null,
                null, clock.instant());
        String product = plan(version, quote.planCode()).product();
        try {
            orders.insert(order, version.number(), null, command.idempotencyKey(), product);
        } catch (DuplicateKeyException e) {
            // The same key raced us (that request owns the order), or another purchase of the product is in flight.
            Optional<OrderRow> raced = orders.findByKey(command.accountId(), command.idempotencyKey());
            if (raced.isPresent()) {
                return replayed(raced.get().order());
            }
            throw new DomainException(DomainException.Kind.CONFLICT, "order-in-progress",
                    "Another order for this product is being processed for the account; wait for it to finish");
        }
        OrderRow row = new OrderRow(order, version.number(), null);
        // Checked again now that no other purchase of the product can be in flight: one that completed after the quote
        // was priced has started its subscription, and this order must not charge for a second one.
        Optional<Subscription> live = subscriptions.liveForProduct(command.accountId(), product);
        if (live.isPresent()) {
            completion.fail(order, null, "already-subscribed", "The account already subscribes to this product");
            throw alreadySubscribed(live.get());
        }
        UUID methodId = command.paymentMethodId();
        if (command.card() != null) {
            try {
                methodId = payments.addCard(command.accountId(), command.card()).id();
            } catch (DomainException e) {
                completion.fail(order, null, e.code(), e.getMessage());
                throw e;
            }
        }
        if (command.trial()) {
            return finish(row, null);
        }
        return pay(row, methodId, quote.total(), "Subscription to " + quote.planName());
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
            throw new DomainException(DomainException.Kind.PAYMENT_FAILED, "payment-declined",
                    "This order failed; its payment did not go through" + reason + ". Place a new order with a new key.", details);
        }
        throw new DomainException(DomainException.Kind.CONFLICT, "order-failed",
                "This order failed before any charge" + reason + ". Place a new order with a new key.", details);
    }

    /** One of the account's subscriptions; another account's answers 404, as if it did not exist. */
    public Subscription subscription(AccountId account, SubscriptionId id) {
        return owned(account, id);
    }

    public Order order(AccountId account, OrderId id) {
        return orders.find(id).map(OrderRow::order).filter(o -> o.accountId().equals(account))
                .orElseThrow(() -> new NotFoundException("order", id));
    }

    public List<Order> orders(AccountId account) {
        return orders.forAccount(account);
    }

    // --- plan changes ----------------------------------------------------------------------------------------------

    public PlanChangeQuote quoteChange(AccountId account, SubscriptionId id, String toPlan) {
        owned(account, id);
        return subscriptions.quoteChange(id, toPlan);
    }

    public record ChangeResult(PlanChangeQuote quote, Order order, Subscription subscription) {}

    /**
     * Changes the plan. An upgrade takes effect now: its prorated amount is charged first (idempotently) and the plan
     * changes when it is paid. A downgrade is scheduled for the period end. {@code expectedAmount}, when given, must
     * match today's price of the change (the customer confirmed that amount).
     */
    public ChangeResult changePlan(AccountId account, SubscriptionId id, String toPlan, Money expectedAmount, String idempotencyKey) {
        requireKey(idempotencyKey);
        Subscription subscription = owned(account, id);
        Optional<OrderRow> previous = orders.findByKey(account, idempotencyKey);
        if (previous.isPresent()) {
            return new ChangeResult(previous.get().changeQuote(), previous.get().order(), subscriptions.get(id));
        }
        PlanChangeQuote quote = subscriptions.quoteChange(id, toPlan);
        if (expectedAmount != null && !expectedAmount.equals(quote.amountDueNow())) {
            throw new DomainException(DomainException.Kind.CONFLICT, "quote-expired",
                    "The change now costs " + quote.amountDueNow() + ", not " + expectedAmount + "; confirm the new amount",
                    Map.of("amountDue", quote.amountDueNow().toPlainString()));
        }
        if (quote.timing() == ChangeTiming.PERIOD_END) {
            Subscription scheduled = subscriptions.scheduleChange(id, toPlan);
            entitlements.refresh(account);
            return new ChangeResult(quote, null, scheduled);
        }
        Order order = new Order(new OrderId(UUID.randomUUID()), account, Order.Kind.PLAN_CHANGE, toPlan,
                subscription.price().currencyCode(), quote.amountDueNow(), Map.of(), false, Order.Status.PENDING, id.toString(), null,
                null, null, clock.instant());
        int catalogVersion = catalog.current().number();
        try {
            orders.insert(order, catalogVersion, quote, idempotencyKey, null);
        } catch (DuplicateKeyException e) {
            OrderRow existing = orders.findByKey(account, idempotencyKey).orElseThrow();
            return new ChangeResult(existing.changeQuote(), existing.order(), subscriptions.get(id));
        }
        OrderRow row = new OrderRow(order, catalogVersion, quote);
        Order result = quote.amountDueNow().isPositive()
                ? pay(row, null, quote.amountDueNow(), "Change to " + toPlan)
                : finish(row, null);
        return new ChangeResult(quote, result, subscriptions.get(id));
    }

    public Subscription cancel(AccountId account, SubscriptionId id) {
        owned(account, id);
        PlanChangeQuote quote = subscriptions.quoteChange(id, null);
        if (quote.timing() == ChangeTiming.IMMEDIATE) {
            subscriptions.cancelNow(id, "CUSTOMER");
            entitlements.refresh(account);
            return subscriptions.get(id);
        }
        Subscription scheduled = subscriptions.scheduleChange(id, null);
        entitlements.refresh(account);
        return scheduled;
    }

    public Subscription undoScheduledChange(AccountId account, SubscriptionId id) {
        owned(account, id);
        Subscription subscription = subscriptions.undoScheduledChange(id);
        entitlements.refresh(account);
        return subscription;
    }

    public List<Subscription> subscriptions(AccountId account) {
        return subscriptions.forAccount(account);
    }

    // --- internals -------------------------------------------------------------------------------------------------

    private Order pay(OrderRow row, UUID methodId, Money amount, String description) {
        Order order = row.order();
        Payment payment = payments.charge(new ChargeRequest(order.accountId(), methodId, amount, OrderCharges.key(order.id()),
                OrderCharges.key(order.id()), description));
        if (payment.status() == PaymentStatus.SUCCEEDED) {
            return finish(row, payment.id().toString());
        }
        if (payment.status() == PaymentStatus.FAILED) {
            completion.fail(order, payment.id().toString(), payment.failureCode(), payment.failureMessage());
            throw new DomainException(DomainException.Kind.PAYMENT_FAILED, "payment-declined",
                    "The payment was declined" + (payment.failureCode() == null ? "" : " (" + payment.failureCode() + ")")
                            + "; no subscription was started or changed",
                    details(order, payment));
        }
        orders.paymentPending(order.id(), payment.id().toString(), clock.instant());
        return orders.find(order.id()).orElseThrow().order();
    }

    /** Completes a paid (or free) order; if it cannot be fulfilled after all, the money goes back. */
    private Order finish(OrderRow row, String paymentId) {
        Optional<Order> completed;
        try {
            completed = completion.complete(row, paymentId);
        } catch (DomainException e) {
            completion.fail(row.order(), paymentId, e.code(), e.getMessage());
            if (paymentId != null) {
                Payment payment = payments.payment(com.abacus.payments.PaymentId.of(paymentId));
                payments.refund(new RefundRequest(payment.id(), payment.amount(), "Order could not be fulfilled: " + e.code(),
                        "system", "refund:" + OrderCharges.key(row.order().id())));
                log.warn("Order {} was paid but could not be fulfilled ({}); payment refunded", row.order().id(), e.code());
            }
            throw e;
        }
        return completed.orElseGet(() -> orders.find(row.order().id()).orElseThrow().order());
    }

    private static DomainException alreadySubscribed(Subscription existing) {
        return new DomainException(DomainException.Kind.CONFLICT, "already-subscribed",
                "The account already subscribes to this product; change the plan of its subscription instead",
                Map.of("subscriptionId", existing.id().toString()));
    }

    private Subscription owned(AccountId account, SubscriptionId id) {
        Subscription subscription = subscriptions.get(id);
        if (!subscription.accountId().equals(account)) {
            throw new NotFoundException("subscription", id);
        }
        return subscription;
    }

    private Plan plan(CatalogVersion version, String planCode) {
        if (planCode == null || planCode.isBlank()) {
            throw new InvalidInputException("plan", "is required");
        }
        return version.plan(planCode).orElseThrow(() -> new InvalidInputException("plan", "unknown plan '" + planCode + "'"));
    }

    private static Map<String, Integer> validAddOns(CatalogVersion version, Plan plan, String currency, Map<String, Integer> requested) {
        Map<String, Integer> valid = new TreeMap<>();
        if (requested == null) {
            return valid;
        }
        Map<String, String> errors = new LinkedHashMap<>();
        requested.forEach((code, quantity) -> {
            Optional<AddOn> addOn = version.addOn(code);
            if (addOn.isEmpty() || !addOn.get().plans().contains(plan.code())) {
                errors.put("addOns." + code, "is not an add-on of plan " + plan.code());
            } else if (quantity == null || quantity < 1 || quantity > 100) {
                errors.put("addOns." + code, "quantity must be 1 to 100");
            } else if (!addOn.get().prices().containsKey(currency)) {
                errors.put("addOns." + code, "is not sold in " + currency);
            } else {
                valid.put(code, quantity);
            }
        });
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors, "Add-ons are invalid");
        }
        return valid;
    }

    private static Map<String, Integer> addOnQuantities(Quote quote) {
        Map<String, Integer> quantities = new TreeMap<>();
        quote.lines().stream().skip(1).forEach(line -> quantities.put(line.code(), (int) line.quantity()));
        return quantities;
    }

    private static Map<String, Object> details(Order order, Payment payment) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("orderId", order.id().toString());
        details.put("paymentId", payment.id().toString());
        if (payment.failureCode() != null) {
            details.put("declineCode", payment.failureCode());
        }
        return details;
    }

    private static void requireKey(String key) {
        if (key == null || key.isBlank() || key.length() > 255) {
            throw new InvalidInputException("Idempotency-Key", "is required (1 to 255 characters)");
        }
    }
}
