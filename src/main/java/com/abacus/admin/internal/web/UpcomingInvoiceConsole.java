package com.abacus.admin.internal.web;

import com.abacus.accounts.Accounts;
import com.abacus.invoicing.UpcomingInvoices;
import com.abacus.shared.AccountId;
import com.abacus.shared.NotFoundException;
import com.abacus.subscriptions.SubscriptionId;
import com.abacus.subscriptions.Subscriptions;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** Support sees the same "next invoice" box as the customer, loaded into the account page by htmx. */
@Controller
@PreAuthorize("hasRole('SUPPORT')")
class UpcomingInvoiceConsole {

    private final UpcomingInvoices upcoming;
    private final Subscriptions subscriptions;
    private final Accounts accounts;

    UpcomingInvoiceConsole(UpcomingInvoices upcoming, Subscriptions subscriptions, Accounts accounts) {
        this.upcoming = upcoming;
        this.subscriptions = subscriptions;
        this.accounts = accounts;
    }

    @GetMapping("/admin/accounts/{account}/subscriptions/{id}/upcoming")
    String upcoming(@PathVariable String account, @PathVariable String id, Model model) {
        SubscriptionId subscription = SubscriptionId.of(id);
        if (!subscriptions.get(subscription).accountId().equals(AccountId.of(account))) {
            throw new NotFoundException("subscription", subscription);
        }
        model.addAttribute("upcoming", upcoming.upcoming(subscription).orElse(null));
        // In the customer's time zone, as the customer sees it.
        model.addAttribute("zone", accounts.get(AccountId.of(account)).timeZone());
        return "invoicing/upcoming :: upcoming";
    }
}
