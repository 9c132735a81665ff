package com.abacus.accounts.internal.web;

import com.abacus.accounts.AccountBillingDetails;
import com.abacus.accounts.Accounts;
import com.abacus.accounts.BillingDetailsForm;
import com.abacus.accounts.CustomerPrincipal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The customer's billing address and tax id on their account page (loaded into it), and the form that changes them.
 * Each change is audited with the customer as the actor; a refused field is named as the API names it.
 */
@Controller
class BillingDetailsPage {

    private final Accounts accounts;
    private final AccountBillingDetails billingDetails;

    BillingDetailsPage(Accounts accounts, AccountBillingDetails billingDetails) {
        this.accounts = accounts;
        this.billingDetails = billingDetails;
    }

    @GetMapping("/account/billing-details")
    String show(@AuthenticationPrincipal CustomerPrincipal customer, Model model) {
        model.addAttribute("details", billingDetails.of(customer.accountId()));
        model.addAttribute("action", "/account/billing-details");
        model.addAttribute("staff", false);
        return "accounts/billing-details :: details";
    }

    @PostMapping("/account/billing-details")
    String change(
            @AuthenticationPrincipal CustomerPrincipal customer, BillingDetailsForm form, RedirectAttributes redirect) {
        var change = form.change();
        String email = accounts.get(customer.accountId()).email();
        billingDetails.change(customer.accountId(), change, email, "changed by the customer");
        redirect.addFlashAttribute("notice", "Billing details saved");
        return "redirect:/account";
    }
}
