package com.abacus.payments.internal.web;

import com.abacus.accounts.CustomerPrincipal;
import com.abacus.payments.PayPalApprovals;
import com.abacus.payments.Payment;
import com.abacus.shared.ChargeReference;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The sandbox's stand-in for PayPal's approval page: the signed-in customer approves or cancels the payment and comes
 * back to their order ({@link SandboxPayPalAnswers} is the same for scripts). Another account's link is "not found"; a
 * link used already is a conflict.
 */
@Controller
class SandboxPayPalPage {

    private final PayPalApprovals approvals;

    SandboxPayPalPage(PayPalApprovals approvals) {
        this.approvals = approvals;
    }

    @GetMapping("/sandbox/paypal/{reference}")
    String page(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable String reference, Model model) {
        model.addAttribute("payment", approvals.awaiting(customer.accountId(), reference));
        model.addAttribute("reference", reference);
        return "sandbox/paypal";
    }

    @PostMapping(path = "/sandbox/paypal/{reference}/{answer:approve|cancel}", headers = "!Authorization")
    String answerPage(
            @AuthenticationPrincipal CustomerPrincipal customer,
            @PathVariable String reference,
            @PathVariable String answer) {
        Payment payment = approvals.answer(customer.accountId(), reference, answer.equals("approve"));
        // Back to the shop: the order the payment was for.
        return ChargeReference.orderOf(payment.reference())
                .map(order -> "redirect:/orders/" + order)
                .orElse("redirect:/account");
    }
}
