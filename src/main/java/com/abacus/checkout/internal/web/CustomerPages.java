package com.abacus.checkout.internal.web;

import com.abacus.accounts.Accounts;
import com.abacus.accounts.CustomerPrincipal;
import com.abacus.catalog.Catalog;
import com.abacus.catalog.Plan;
import com.abacus.checkout.Checkout;
import com.abacus.checkout.Order;
import com.abacus.checkout.OrderId;
import com.abacus.checkout.PlaceOrder;
import com.abacus.checkout.SubscriptionChanges;
import com.abacus.entitlements.Entitlements;
import com.abacus.invoicing.Invoicing;
import com.abacus.payments.CardInput;
import com.abacus.payments.Cards;
import com.abacus.shared.DomainException;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.Money;
import com.abacus.subscriptions.PlanChangeQuote;
import com.abacus.subscriptions.Subscription;
import com.abacus.subscriptions.SubscriptionId;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The customer's pages: plans and prices, checkout with the sandbox test cards, order confirmation, and the account
 * page (plan, scheduled changes, invoices; upgrade now with its prorated price shown first; downgrade or cancel at
 * period end; undo). Every form works without JavaScript; htmx only refreshes the quote and the change preview.
 */
@Controller
class CustomerPages {

    static final List<String> CURRENCIES = List.of("USD", "EUR", "GBP", "JPY");

    private final Catalog catalog;
    private final Checkout checkout;
    private final SubscriptionChanges changes;
    private final Accounts accounts;
    private final Cards cards;
    private final Invoicing invoicing;
    private final Entitlements entitlements;

    CustomerPages(
            Catalog catalog,
            Checkout checkout,
            SubscriptionChanges changes,
            Accounts accounts,
            Cards cards,
            Invoicing invoicing,
            Entitlements entitlements) {
        this.catalog = catalog;
        this.checkout = checkout;
        this.changes = changes;
        this.accounts = accounts;
        this.cards = cards;
        this.invoicing = invoicing;
        this.entitlements = entitlements;
    }

    @GetMapping("/plans")
    String plans(
            @AuthenticationPrincipal CustomerPrincipal customer,
            @RequestParam(required = false) String currency,
            Model model) {
        String shown = currency != null && CURRENCIES.contains(currency)
                ? currency
                : customer != null
                        ? accounts.get(customer.accountId()).currency().getCurrencyCode()
                        : "USD";
        model.addAttribute("currency", shown);
        model.addAttribute("currencies", CURRENCIES);
        model.addAttribute("products", catalog.current().products());
        return "site/plans";
    }

    @GetMapping("/checkout")
    String checkoutPage(
            @AuthenticationPrincipal CustomerPrincipal customer,
            @RequestParam String plan,
            @RequestParam String currency,
            @RequestParam(defaultValue = "0") int addOnQuantity,
            HtmxRequest htmx,
            Model model,
            RedirectAttributes redirect) {
        var quote = checkout.quote(customer.accountId(), plan, currency, addOns(plan, addOnQuantity));
        if (quote.change() != null) {
            redirect.addFlashAttribute("notice", "You already subscribe to this product; change your plan here.");
            return "redirect:/account";
        }
        model.addAttribute("quote", quote);
        model.addAttribute("plan", catalog.current().plan(plan).orElseThrow());
        model.addAttribute("addOn", addOnFor(plan));
        model.addAttribute("addOnQuantity", addOnQuantity);
        model.addAttribute("currency", currency);
        if (htmx.isHtmxRequest()) {
            return "site/checkout :: quote";
        }
        model.addAttribute("key", UUID.randomUUID().toString());
        model.addAttribute("testCards", TEST_CARDS);
        model.addAttribute("cardNumber", "4242 4242 4242 4242");
        return "site/checkout";
    }

    @PostMapping("/checkout")
    String placeOrder(
            @AuthenticationPrincipal CustomerPrincipal customer,
            @RequestParam String plan,
            @RequestParam String currency,
            @RequestParam(defaultValue = "0") int addOnQuantity,
            @RequestParam(defaultValue = "") String cardNumber,
            @RequestParam(defaultValue = "0") int expMonth,
            @RequestParam(defaultValue = "0") int expYear,
            @RequestParam(defaultValue = "") String cvc,
            @RequestParam(defaultValue = "false") boolean trial,
            @RequestParam String key,
            Model model) {
        try {
            Order order = checkout.placeOrder(new PlaceOrder(
                    customer.accountId(),
                    plan,
                    currency,
                    addOns(plan, addOnQuantity),
                    new CardInput(cardNumber, expMonth, expYear, cvc),
                    null,
                    trial,
                    key));
            return "redirect:/orders/" + order.id();
        } catch (InvalidInputException e) {
            model.addAttribute(
                    "error",
                    String.join(
                            "; ",
                            e.fieldErrors().entrySet().stream()
                                    .map(x -> x.getKey() + " " + x.getValue())
                                    .toList()));
        } catch (DomainException e) {
            model.addAttribute("error", e.getMessage());
        }
        model.addAttribute("quote", checkout.quote(customer.accountId(), plan, currency, addOns(plan, addOnQuantity)));
        model.addAttribute("plan", catalog.current().plan(plan).orElseThrow());
        model.addAttribute("addOn", addOnFor(plan));
        model.addAttribute("addOnQuantity", addOnQuantity);
        model.addAttribute("currency", currency);
        model.addAttribute("key", UUID.randomUUID().toString());
        model.addAttribute("testCards", TEST_CARDS);
        model.addAttribute("cardNumber", cardNumber);
        return "site/checkout";
    }

    @GetMapping("/orders/{id}")
    String order(
            @AuthenticationPrincipal CustomerPrincipal customer,
            @PathVariable String id,
            HtmxRequest htmx,
            Model model) {
        Order order = checkout.order(customer.accountId(), OrderId.of(id));
        model.addAttribute("order", order);
        model.addAttribute(
                "entitlements",
                entitlements
                        .current(customer.accountId())
                        .map(s -> s.features().values())
                        .orElse(List.of()));
        return htmx.isHtmxRequest() ? "site/order :: status" : "site/order";
    }

    @GetMapping("/account")
    String account(@AuthenticationPrincipal CustomerPrincipal customer, Model model) {
        var account = accounts.get(customer.accountId());
        List<Subscription> subscriptions = changes.subscriptions(customer.accountId());
        Map<String, List<Plan>> alternatives = new TreeMap<>();
        for (Subscription s : subscriptions) {
            catalog.current()
                    .product(s.product())
                    .ifPresent(p -> alternatives.put(
                            s.id().toString(),
                            p.plans().stream()
                                    .filter(plan -> !plan.code().equals(s.planCode())
                                            && plan.price(s.price().currencyCode())
                                                    .isPresent())
                                    .toList()));
        }
        model.addAttribute("account", account);
        model.addAttribute("subscriptions", subscriptions);
        model.addAttribute("alternatives", alternatives);
        model.addAttribute("invoices", invoicing.invoices(customer.accountId()));
        model.addAttribute("creditNotes", invoicing.creditNotes(customer.accountId()));
        model.addAttribute("cards", cards.paymentMethods(customer.accountId()));
        model.addAttribute("orders", checkout.orders(customer.accountId()));
        model.addAttribute(
                "entitlements",
                entitlements
                        .current(customer.accountId())
                        .map(s -> s.features().values())
                        .orElse(List.of()));
        return "site/account";
    }

    /** What a change would do, before the customer confirms it. */
    @GetMapping("/account/subscriptions/{id}/change")
    String previewChange(
            @AuthenticationPrincipal CustomerPrincipal customer,
            @PathVariable String id,
            @RequestParam(required = false) String plan,
            HtmxRequest htmx,
            Model model) {
        PlanChangeQuote quote = changes.quoteChange(
                customer.accountId(), SubscriptionId.of(id), plan == null || plan.isBlank() ? null : plan);
        model.addAttribute("quote", quote);
        model.addAttribute("subscriptionId", id);
        model.addAttribute("key", UUID.randomUUID().toString());
        return htmx.isHtmxRequest() ? "site/change :: preview" : "site/change";
    }

    @PostMapping("/account/subscriptions/{id}/change")
    String change(
            @AuthenticationPrincipal CustomerPrincipal customer,
            @PathVariable String id,
            @RequestParam String plan,
            @RequestParam(required = false) String expectedAmount,
            @RequestParam(required = false) String currency,
            @RequestParam String key,
            RedirectAttributes redirect) {
        try {
            Money expected =
                    expectedAmount == null || expectedAmount.isBlank() ? null : Money.parse(expectedAmount, currency);
            var result = changes.changePlan(customer.accountId(), SubscriptionId.of(id), plan, expected, key);
            redirect.addFlashAttribute(
                    "notice",
                    result.order() == null
                            ? "Your plan changes to " + plan + " at the end of the current period."
                            : "You are now on " + plan + "; " + result.quote().amountDueNow() + " was charged.");
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/account";
    }

    @PostMapping("/account/subscriptions/{id}/cancel")
    String cancel(
            @AuthenticationPrincipal CustomerPrincipal customer, @PathVariable String id, RedirectAttributes redirect) {
        Subscription subscription = changes.cancel(customer.accountId(), SubscriptionId.of(id));
        redirect.addFlashAttribute(
                "notice",
                subscription.cancelAtPeriodEnd()
                        ? "Your subscription ends at the end of the current period; service continues until then."
                        : "Your subscription has ended.");
        return "redirect:/account";
    }

    @PostMapping("/account/subscriptions/{id}/undo")
    String undo(
            @AuthenticationPrincipal CustomerPrincipal customer, @PathVariable String id, RedirectAttributes redirect) {
        changes.undoScheduledChange(customer.accountId(), SubscriptionId.of(id));
        redirect.addFlashAttribute("notice", "The scheduled change was withdrawn; your plan continues as before.");
        return "redirect:/account";
    }

    @PostMapping("/account/api-keys")
    String createApiKey(@AuthenticationPrincipal CustomerPrincipal customer, RedirectAttributes redirect) {
        redirect.addFlashAttribute(
                "apiKey", accounts.issueCustomerApiKey(customer.accountId(), "created on the account page"));
        return "redirect:/account";
    }

    /** The quantity field's add-on; quantities the form never offered are refused, not dropped. */
    private Map<String, Integer> addOns(String plan, int quantity) {
        if (quantity < 0) {
            throw new InvalidInputException("addOnQuantity", "must be 0 or more");
        }
        if (quantity == 0) {
            return Map.of();
        }
        var addOn = addOnFor(plan);
        if (addOn == null) {
            throw new InvalidInputException("addOnQuantity", "this plan has no add-on");
        }
        return Map.of(addOn.code(), quantity);
    }

    private com.abacus.catalog.AddOn addOnFor(String plan) {
        return catalog.current().products().stream()
                .flatMap(p -> p.addOns().stream())
                .filter(a -> a.plans().contains(plan))
                .findFirst()
                .orElse(null);
    }

    static final Map<String, String> TEST_CARDS = new TreeMap<>(com.abacus.payments.TestCardNumbers.DESCRIPTIONS);
}
