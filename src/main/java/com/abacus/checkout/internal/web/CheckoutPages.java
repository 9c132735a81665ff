package com.abacus.checkout.internal.web;

import com.abacus.accounts.Accounts;
import com.abacus.accounts.CustomerPrincipal;
import com.abacus.catalog.AddOn;
import com.abacus.catalog.Catalog;
import com.abacus.checkout.Checkout;
import com.abacus.checkout.Order;
import com.abacus.checkout.PlaceOrder;
import com.abacus.checkout.SubscriptionChanges;
import com.abacus.payments.CardInput;
import com.abacus.payments.Cards;
import com.abacus.payments.PaymentMethod;
import com.abacus.payments.PaymentMethodRules;
import com.abacus.payments.SepaDebitInput;
import com.abacus.payments.SepaDebits;
import com.abacus.shared.DomainException;
import com.abacus.shared.InvalidInputException;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Buying on the customer site: plans with every price (plans, add-ons, usage), and checkout with a saved method, a new
 * card, PayPal or SEPA Direct Debit, as the account's currency and country allow (the sandbox's test cards and IBANs
 * listed); {@link OrderPage} confirms. Works without JavaScript; htmx only refreshes the quote and the pending order's status.
 */
@Controller
class CheckoutPages {

    static final List<String> CURRENCIES = List.of("USD", "EUR", "GBP", "JPY");
    static final Map<String, String> TEST_CARDS = new TreeMap<>(com.abacus.payments.TestCardNumbers.DESCRIPTIONS);
    static final Map<String, String> TEST_IBANS = new TreeMap<>(com.abacus.payments.TestCardNumbers.IBANS);
    static final String NEW_CARD = "new";
    static final String PAYPAL = "paypal";
    static final String SEPA = "sepa";

    private final Catalog catalog;
    private final Checkout checkout;
    private final SubscriptionChanges changes;
    private final Accounts accounts;
    private final Cards cards;
    private final PaymentMethodRules methodRules;
    private final SepaDebits sepaDebits;

    CheckoutPages(
            Catalog catalog,
            Checkout checkout,
            SubscriptionChanges changes,
            Accounts accounts,
            Cards cards,
            PaymentMethodRules methodRules,
            SepaDebits sepaDebits) {
        this.methodRules = methodRules;
        this.sepaDebits = sepaDebits;
        this.catalog = catalog;
        this.checkout = checkout;
        this.changes = changes;
        this.accounts = accounts;
        this.cards = cards;
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
        model.addAttribute("usagePrices", new UsagePrices());
        return "site/plans";
    }

    @GetMapping("/checkout")
    String checkoutPage(
            @AuthenticationPrincipal CustomerPrincipal customer,
            @RequestParam String plan,
            @RequestParam String currency,
            @RequestParam(defaultValue = "0") int addOnQuantity,
            @RequestParam(defaultValue = "") String promotionCode,
            HtmxRequest htmx,
            Model model,
            RedirectAttributes redirect) {
        var quote = checkout.quote(customer.accountId(), plan, currency, addOns(plan, addOnQuantity), null);
        if (quote.change() != null) {
            redirect.addFlashAttribute("notice", "You already subscribe to this product; change your plan here.");
            return "redirect:/account";
        }
        form(customer, plan, currency, addOnQuantity, promotionCode, model);
        if (htmx.isHtmxRequest()) {
            // The quote, and (out of band) the pay button and trial text that say its total.
            return "site/checkout :: quote-update";
        }
        model.addAttribute("card", new CardInput("4242 4242 4242 4242", 12, 2030, "123"));
        return "site/checkout";
    }

    /**
     * Places the order. A refusal shows the checkout again with what was typed kept and each message next to its field;
     * the card number is kept too, since only the sandbox's test numbers reach this page.
     */
    @PostMapping("/checkout")
    String placeOrder(
            @AuthenticationPrincipal CustomerPrincipal customer,
            @RequestParam String plan,
            @RequestParam String currency,
            @RequestParam(defaultValue = "0") int addOnQuantity,
            @RequestParam(defaultValue = NEW_CARD) String paymentMethod,
            @RequestParam(defaultValue = "") String cardNumber,
            @RequestParam(defaultValue = "0") int expMonth,
            @RequestParam(defaultValue = "0") int expYear,
            @RequestParam(defaultValue = "") String cvc,
            @RequestParam(defaultValue = "") String iban,
            @RequestParam(defaultValue = "false") boolean mandateAccepted,
            @RequestParam(defaultValue = "false") boolean trial,
            @RequestParam(defaultValue = "") String promotionCode,
            @RequestParam String key,
            Model model) {
        CardInput card = new CardInput(cardNumber, expMonth, expYear, cvc);
        try {
            boolean newCard = NEW_CARD.equals(paymentMethod);
            boolean payPal = PAYPAL.equals(paymentMethod);
            boolean sepa = SEPA.equals(paymentMethod);
            Order order = checkout.placeOrder(new PlaceOrder(
                    customer.accountId(),
                    plan,
                    currency,
                    addOns(plan, addOnQuantity),
                    newCard ? card : null,
                    newCard || payPal || sepa ? null : savedCard(paymentMethod),
                    payPal,
                    sepa ? new SepaDebitInput(iban, mandateAccepted) : null,
                    trial,
                    key,
                    promotionCode));
            // PayPal: straight on to PayPal's approval page; the order page waits for the verdict after.
            return "redirect:/orders/" + order.id() + (payPal ? "?approve" : "");
        } catch (InvalidInputException e) {
            model.addAttribute("fieldErrors", CheckoutFields.named(e.fieldErrors()));
            model.addAttribute("error", "Please correct the fields marked below.");
        } catch (DomainException e) {
            model.addAttribute("error", e.getMessage());
        }
        form(customer, plan, currency, addOnQuantity, promotionCode, model);
        model.addAttribute("card", card);
        model.addAttribute("chosenCard", paymentMethod);
        model.addAttribute("iban", iban);
        model.addAttribute("trialChosen", trial);
        return "site/checkout";
    }

    /** A promotion code that does not apply is said next to its field, and the order is quoted without it. */
    private void form(
            CustomerPrincipal customer,
            String plan,
            String currency,
            int addOnQuantity,
            String promotionCode,
            Model model) {
        var addOns = addOns(plan, addOnQuantity);
        try {
            model.addAttribute("quote", checkout.quote(customer.accountId(), plan, currency, addOns, promotionCode));
        } catch (InvalidInputException e) {
            if (!e.fieldErrors().containsKey("promotionCode")) {
                throw e;
            }
            model.addAttribute("promotionCodeError", e.fieldErrors().get("promotionCode"));
            model.addAttribute("quote", checkout.quote(customer.accountId(), plan, currency, addOns, null));
        }
        model.addAttribute("promotionCode", promotionCode);
        model.addAttribute("plan", catalog.current().plan(plan).orElseThrow());
        model.addAttribute("addOn", addOnFor(plan));
        model.addAttribute("addOnQuantity", addOnQuantity);
        model.addAttribute("currency", currency);
        model.addAttribute("key", UUID.randomUUID().toString());
        model.addAttribute("testCards", TEST_CARDS);
        model.addAttribute(
                "savedCards",
                cards.paymentMethods(customer.accountId()).stream()
                        .filter(PaymentMethod::chargeable)
                        .toList());
        model.addAttribute(
                "offered",
                methodRules.offered(currency, accounts.get(customer.accountId()).country()).stream()
                        .map(Enum::name)
                        .toList());
        model.addAttribute("mandateText", sepaDebits.mandateText());
        model.addAttribute("testIbans", TEST_IBANS);
        if (!model.containsAttribute("fieldErrors")) {
            model.addAttribute("fieldErrors", Map.of());
        }
    }

    private static UUID savedCard(String paymentMethod) {
        try {
            return UUID.fromString(paymentMethod);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("paymentMethod", "is not one of your saved cards");
        }
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

    private AddOn addOnFor(String plan) {
        return catalog.current().products().stream()
                .flatMap(p -> p.addOns().stream())
                .filter(a -> a.plans().contains(plan))
                .findFirst()
                .orElse(null);
    }
}
