package com.abacus.checkout.internal.web;

import com.abacus.accounts.CustomerPrincipal;
import com.abacus.checkout.Checkout;
import com.abacus.checkout.Order;
import com.abacus.checkout.OrderId;
import com.abacus.payments.CardAuthentication;
import com.abacus.payments.PaymentId;
import com.abacus.shared.NotFoundException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The step a 3-D Secure order needs: the customer's bank asks them to confirm the payment. In the sandbox this page is
 * the bank (approve or fail); the order then completes or fails by itself, as with any late verdict.
 */
@Controller
class BankAuthenticationPage {

    private final Checkout checkout;
    private final CardAuthentication authentication;

    BankAuthenticationPage(Checkout checkout, CardAuthentication authentication) {
        this.checkout = checkout;
        this.authentication = authentication;
    }

    @GetMapping("/orders/{id}/authenticate")
    String challenge(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable String id, Model model) {
        Order order = checkout.order(customer.accountId(), OrderId.of(id));
        model.addAttribute("order", order);
        model.addAttribute("payment", authentication.awaiting(customer.accountId(), paymentOf(order)));
        return "site/authenticate";
    }

    @PostMapping("/orders/{id}/authenticate")
    String answer(
            @AuthenticationPrincipal CustomerPrincipal customer,
            @PathVariable String id,
            @RequestParam boolean approve) {
        Order order = checkout.order(customer.accountId(), OrderId.of(id));
        authentication.answer(customer.accountId(), paymentOf(order), approve);
        return "redirect:/orders/" + order.id();
    }

    private static PaymentId paymentOf(Order order) {
        if (order.paymentId() == null) {
            throw new NotFoundException("payment of order", order.id());
        }
        return PaymentId.of(order.paymentId());
    }
}
