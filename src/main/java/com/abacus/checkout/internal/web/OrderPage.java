package com.abacus.checkout.internal.web;

import com.abacus.accounts.Accounts;
import com.abacus.accounts.CustomerPrincipal;
import com.abacus.checkout.Checkout;
import com.abacus.checkout.Order;
import com.abacus.checkout.OrderId;
import com.abacus.checkout.OrderNextActions;
import com.abacus.checkout.SubscriptionChanges;
import com.abacus.entitlements.Entitlements;
import com.abacus.payments.Charges;
import com.abacus.payments.PayPalApprovals;
import com.abacus.payments.Payment;
import com.abacus.payments.PaymentId;
import com.abacus.payments.PaymentMethodType;
import com.abacus.payments.PaymentStatus;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The order confirmation: what was charged today (or, for a SEPA debit, that the debit settles in a few business days),
 * for a trial when it ends, and what the customer must still do (approve at PayPal, confirm with the bank). Right after
 * a PayPal checkout ({@code ?approve}) the customer is sent on to PayPal's page, and comes back here with PayPal's
 * {@code ?token}.
 */
@Controller
class OrderPage {

    private final Checkout checkout;
    private final OrderNextActions nextActions;
    private final SubscriptionChanges changes;
    private final Accounts accounts;
    private final Entitlements entitlements;
    private final Charges charges;
    private final PayPalApprovals payPalApprovals;

    OrderPage(
            Checkout checkout,
            OrderNextActions nextActions,
            SubscriptionChanges changes,
            Accounts accounts,
            Entitlements entitlements,
            Charges charges,
            PayPalApprovals payPalApprovals) {
        this.checkout = checkout;
        this.payPalApprovals = payPalApprovals;
        this.nextActions = nextActions;
        this.changes = changes;
        this.accounts = accounts;
        this.entitlements = entitlements;
        this.charges = charges;
    }

    @GetMapping("/orders/{id}")
    String order(
            @AuthenticationPrincipal CustomerPrincipal customer,
            @PathVariable String id,
            @RequestParam(required = false) String approve,
            @RequestParam(required = false) String token,
            HtmxRequest htmx,
            Model model) {
        if (token != null && !token.isBlank() && token.length() <= 64) {
            // Back from PayPal's page (its return URL names the PayPal order): asked now, not when the webhook comes.
            checkout.order(customer.accountId(), OrderId.of(id)); // the order must be the customer's
            payPalApprovals.returned(customer.accountId(), token);
        }
        Order order = checkout.order(customer.accountId(), OrderId.of(id));
        // Read once: the page is polled every 2 s while the order waits.
        Payment payment = order.paymentId() == null ? null : charges.payment(PaymentId.of(order.paymentId()));
        var nextAction = nextActions.of(order, payment);
        if (approve != null && nextAction.isPresent()) {
            return "redirect:" + nextAction.get().url();
        }
        model.addAttribute("order", order);
        model.addAttribute("zone", accounts.get(customer.accountId()).timeZone());
        model.addAttribute("nextAction", nextAction.orElse(null));
        model.addAttribute(
                "needsAuthentication",
                nextAction.filter(a -> a.url().endsWith("/authenticate")).isPresent());
        model.addAttribute("needsApproval", nextAction.isPresent() && payment.methodType() == PaymentMethodType.PAYPAL);
        model.addAttribute("debitPending", payment != null && payment.status() == PaymentStatus.PROCESSING);
        model.addAttribute(
                "subscription",
                order.subscriptionId() == null
                        ? null
                        : changes.subscriptions(customer.accountId()).stream()
                                .filter(s -> s.id().toString().equals(order.subscriptionId()))
                                .findFirst()
                                .orElse(null));
        model.addAttribute(
                "entitlements",
                entitlements
                        .current(customer.accountId())
                        .map(s -> s.features().values())
                        .orElse(List.of()));
        return htmx.isHtmxRequest() ? "site/order :: status" : "site/order";
    }
}
