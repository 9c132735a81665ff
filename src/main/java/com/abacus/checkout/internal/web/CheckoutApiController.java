package com.abacus.checkout.internal.web;

import com.abacus.accounts.CustomerPrincipal;
import com.abacus.catalog.Catalog;
import com.abacus.checkout.Checkout;
import com.abacus.checkout.Order;
import com.abacus.checkout.OrderId;
import com.abacus.checkout.OrderNextActions;
import com.abacus.checkout.PlaceOrder;
import com.abacus.checkout.SubscriptionChanges;
import com.abacus.checkout.internal.web.ApiRequests.AddCardRequest;
import com.abacus.checkout.internal.web.ApiRequests.ChangePlanRequest;
import com.abacus.checkout.internal.web.ApiRequests.PlaceOrderRequest;
import com.abacus.checkout.internal.web.ApiViews.ChangeQuoteView;
import com.abacus.checkout.internal.web.ApiViews.ChangeResultView;
import com.abacus.checkout.internal.web.ApiViews.OrderView;
import com.abacus.checkout.internal.web.ApiViews.PaymentMethodView;
import com.abacus.checkout.internal.web.ApiViews.PlanView;
import com.abacus.checkout.internal.web.ApiViews.QuoteView;
import com.abacus.checkout.internal.web.ApiViews.SubscriptionView;
import com.abacus.payments.Cards;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.Money;
import com.abacus.shared.web.IdempotencyFilter;
import com.abacus.subscriptions.SubscriptionId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The customer's JSON API: plans, quotes, orders, subscriptions, cards. Authenticated with the customer's API key;
 * writes need an {@code Idempotency-Key} (enforced for all of {@code /api} by the idempotency filter, and passed down
 * so the order and its charge are idempotent too). Another customer's ids answer 404.
 */
@RestController
@Validated
@RequestMapping("/api/v1")
@PreAuthorize("hasRole('CUSTOMER')")
class CheckoutApiController {

    private final Checkout checkout;

    private final SubscriptionChanges changes;
    private final Catalog catalog;
    private final Cards cards;
    private final OrderNextActions nextActions;

    CheckoutApiController(
            Checkout checkout,
            SubscriptionChanges changes,
            Catalog catalog,
            Cards cards,
            OrderNextActions nextActions) {
        this.checkout = checkout;
        this.nextActions = nextActions;
        this.changes = changes;
        this.catalog = catalog;
        this.cards = cards;
    }

    @GetMapping("/plans")
    List<PlanView> plans(@RequestParam(defaultValue = "USD") @Pattern(regexp = "[A-Z]{3}") String currency) {
        return catalog.current()
                .plans()
                .filter(p -> p.price(currency).isPresent())
                .map(p -> PlanView.of(p, currency))
                .toList();
    }

    /** {@code addOn} as {@code code:quantity}, repeatable. */
    @GetMapping("/quote")
    QuoteView quote(
            @AuthenticationPrincipal CustomerPrincipal customer,
            @RequestParam String plan,
            @RequestParam @Pattern(regexp = "[A-Z]{3}") String currency,
            @RequestParam(name = "addOn", required = false) List<String> addOns,
            @RequestParam(required = false) @Size(max = 64) String promotionCode) {
        return QuoteView.of(checkout.quote(customer.accountId(), plan, currency, parseAddOns(addOns), promotionCode));
    }

    @PostMapping("/orders")
    ResponseEntity<OrderView> placeOrder(
            @AuthenticationPrincipal CustomerPrincipal customer,
            @RequestHeader(IdempotencyFilter.HEADER) String idempotencyKey,
            @Valid @RequestBody PlaceOrderRequest request) {
        var method = request.paymentMethod();
        if (method != null) {
            method.requireOne();
        }
        Order order = checkout.placeOrder(new PlaceOrder(
                customer.accountId(),
                request.plan(),
                request.currency(),
                request.addOns() == null ? Map.of() : request.addOns(),
                method == null || method.card() == null ? null : method.card().toInput(),
                method == null ? null : method.id(),
                method != null && method.paypal() != null,
                method == null || method.sepaDebit() == null
                        ? null
                        : method.sepaDebit().toInput(),
                Boolean.TRUE.equals(request.trial()),
                idempotencyKey,
                request.promotionCode()));
        HttpStatus status = order.status() == Order.Status.COMPLETED ? HttpStatus.CREATED : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status)
                .location(URI.create("/api/v1/orders/" + order.id()))
                .body(view(order));
    }

    /** The order with what the customer must do next (approve at PayPal, authenticate at the bank), as an absolute URL. */
    private OrderView view(Order order) {
        return OrderView.of(
                order,
                nextActions
                        .of(order)
                        .map(action -> new ApiViews.NextActionView(
                                action.type(),
                                action.url().startsWith("/")
                                        ? ServletUriComponentsBuilder.fromCurrentContextPath()
                                                .path(action.url())
                                                .toUriString()
                                        : action.url()))
                        .orElse(null));
    }

    @GetMapping("/orders")
    List<OrderView> orders(@AuthenticationPrincipal CustomerPrincipal customer) {
        return checkout.orders(customer.accountId()).stream().map(this::view).toList();
    }

    @GetMapping("/orders/{id}")
    OrderView order(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable String id) {
        return view(checkout.order(customer.accountId(), OrderId.of(id)));
    }

    @GetMapping("/subscriptions")
    List<SubscriptionView> subscriptions(@AuthenticationPrincipal CustomerPrincipal customer) {
        return changes.subscriptions(customer.accountId()).stream()
                .map(SubscriptionView::of)
                .toList();
    }

    @GetMapping("/subscriptions/{id}")
    SubscriptionView subscription(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable String id) {
        return SubscriptionView.of(owned(customer, id));
    }

    /** Another account's subscription does not exist for this customer: 404 before anything about the request is read. */
    private com.abacus.subscriptions.Subscription owned(CustomerPrincipal customer, String id) {
        return changes.subscription(customer.accountId(), SubscriptionId.of(id));
    }

    /** Preview of a plan change (without {@code plan}: of a cancellation). */
    @GetMapping("/subscriptions/{id}/change-quote")
    ChangeQuoteView changeQuote(
            @AuthenticationPrincipal CustomerPrincipal customer,
            @PathVariable String id,
            @RequestParam(required = false) String plan) {
        return ChangeQuoteView.of(changes.quoteChange(customer.accountId(), SubscriptionId.of(id), plan));
    }

    @PostMapping("/subscriptions/{id}/change")
    ChangeResultView change(
            @AuthenticationPrincipal CustomerPrincipal customer,
            @PathVariable String id,
            @RequestHeader(IdempotencyFilter.HEADER) String idempotencyKey,
            @Valid @RequestBody ChangePlanRequest request) {
        var current = owned(customer, id);
        Money expected = request.expectedAmount() == null
                ? null
                : Money.parse(request.expectedAmount(), current.price().currencyCode());
        var result = changes.changePlan(
                customer.accountId(), SubscriptionId.of(id), request.plan(), expected, idempotencyKey);
        return new ChangeResultView(
                ChangeQuoteView.of(result.quote()),
                result.order() == null ? null : OrderView.of(result.order()),
                SubscriptionView.of(result.subscription()));
    }

    @PostMapping("/subscriptions/{id}/cancel")
    SubscriptionView cancel(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable String id) {
        return SubscriptionView.of(changes.cancel(customer.accountId(), SubscriptionId.of(id)));
    }

    @DeleteMapping("/subscriptions/{id}/scheduled-change")
    SubscriptionView undo(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable String id) {
        return SubscriptionView.of(changes.undoScheduledChange(customer.accountId(), SubscriptionId.of(id)));
    }

    @GetMapping("/payment-methods")
    List<PaymentMethodView> paymentMethods(@AuthenticationPrincipal CustomerPrincipal customer) {
        return cards.paymentMethods(customer.accountId()).stream()
                .map(PaymentMethodView::of)
                .toList();
    }

    @PostMapping("/payment-methods")
    ResponseEntity<PaymentMethodView> addCard(
            @AuthenticationPrincipal CustomerPrincipal customer, @Valid @RequestBody AddCardRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(PaymentMethodView.of(
                        cards.addCard(customer.accountId(), request.card().toInput())));
    }

    /** {@code code} or {@code code:quantity}; the same bounds as an order's add-ons (at most 20, quantities 1 to 100). */
    private static final java.util.regex.Pattern ADD_ON =
            java.util.regex.Pattern.compile("([A-Za-z0-9][A-Za-z0-9_-]{0,63})(?::([0-9]{1,3}))?");

    private static Map<String, Integer> parseAddOns(List<String> addOns) {
        Map<String, Integer> parsed = new LinkedHashMap<>();
        if (addOns == null) {
            return parsed;
        }
        if (addOns.size() > 20) {
            throw new InvalidInputException("addOn", "at most 20 add-ons");
        }
        for (String addOn : addOns) {
            var match = ADD_ON.matcher(addOn == null ? "" : addOn.trim());
            if (!match.matches()) {
                throw new InvalidInputException("addOn", "must be code or code:quantity");
            }
            int quantity = match.group(2) == null ? 1 : Integer.parseInt(match.group(2));
            if (quantity < 1 || quantity > 100) {
                throw new InvalidInputException("addOn", "quantity must be between 1 and 100");
            }
            if (parsed.put(match.group(1), quantity) != null) {
                throw new InvalidInputException("addOn", "each add-on at most once");
            }
        }
        return parsed;
    }
}
