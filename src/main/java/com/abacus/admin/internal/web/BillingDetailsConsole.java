package com.abacus.admin.internal.web;

import com.abacus.accounts.AccountBillingDetails;
import com.abacus.accounts.BillingDetailsForm;
import com.abacus.shared.AccountId;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Support's view and edit of an account's billing address and tax id (with a reason), and the tax exemption, which
 * ADMIN or FINANCE grant and end. Every change reaches the audit log through {@code BillingDetailsChanged}.
 */
@Controller
@RequestMapping("/admin/accounts/{id}")
@PreAuthorize("hasRole('SUPPORT')")
class BillingDetailsConsole {

    private final AccountBillingDetails billingDetails;

    BillingDetailsConsole(AccountBillingDetails billingDetails) {
        this.billingDetails = billingDetails;
    }

    @GetMapping("/billing-details")
    String show(@PathVariable String id, Model model) {
        model.addAttribute("details", billingDetails.of(AccountId.of(id)));
        model.addAttribute("action", "/admin/accounts/" + id + "/billing-details");
        model.addAttribute("exemptAction", "/admin/accounts/" + id + "/tax-exemption");
        model.addAttribute("staff", true);
        return "accounts/billing-details :: details";
    }

    @PostMapping("/billing-details")
    String change(
            @PathVariable String id,
            BillingDetailsForm form,
            @RequestParam(defaultValue = "") String reason,
            Authentication staff,
            RedirectAttributes redirect) {
        AccountConsole.requireReason(reason);
        billingDetails.change(AccountId.of(id), form.change(), staff.getName(), reason.trim());
        redirect.addFlashAttribute("notice", "Billing details saved");
        return "redirect:/admin/accounts/" + id;
    }

    @PostMapping("/tax-exemption")
    @PreAuthorize("hasAnyRole('ADMIN', 'FINANCE')")
    String exempt(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String reason,
            Authentication staff,
            RedirectAttributes redirect) {
        billingDetails.exempt(AccountId.of(id), reason, staff.getName());
        redirect.addFlashAttribute("notice", "The account is exempt from tax from its next invoice");
        return "redirect:/admin/accounts/" + id;
    }

    @PostMapping("/tax-exemption/end")
    @PreAuthorize("hasAnyRole('ADMIN', 'FINANCE')")
    String endExemption(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String reason,
            Authentication staff,
            RedirectAttributes redirect) {
        billingDetails.endExemption(AccountId.of(id), reason, staff.getName());
        redirect.addFlashAttribute("notice", "The account is taxed again from its next invoice");
        return "redirect:/admin/accounts/" + id;
    }
}
