package com.abacus.invoicing.internal.web;

import com.abacus.accounts.Accounts;
import com.abacus.accounts.CustomerPrincipal;
import com.abacus.invoicing.UpcomingInvoices;
import com.abacus.shared.NotFoundException;
import com.abacus.subscriptions.SubscriptionId;
import com.abacus.subscriptions.Subscriptions;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The "next invoice" box of each plan on the customer's account page, loaded by htmx after the page (a preview runs
 * the renewal in a rolled-back transaction, so the page itself does not wait for it).
 */
@Controller
class UpcomingInvoicePage {

    private final UpcomingInvoices upcoming;
    private final Subscriptions subscriptions;
    private final Accounts accounts;

    UpcomingInvoicePage(UpcomingInvoices upcoming, Subscriptions subscriptions, Accounts accounts) {
        this.upcoming = upcoming;
        this.subscriptions = subscriptions;
        this.accounts = accounts;
    }

    @GetMapping("/account/subscriptions/{id}/upcoming")
    String upcoming(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable String id, Model model) {
        SubscriptionId subscription = SubscriptionId.of(id);
        if (!subscriptions.get(subscription).accountId().equals(customer.accountId())) {
            throw new NotFoundException("subscription", subscription);
        }
        model.addAttribute("upcoming", upcoming.upcoming(subscription).orElse(null));
        model.addAttribute("zone", accounts.get(customer.accountId()).timeZone());
        return "invoicing/upcoming :: upcoming";
    }
}
