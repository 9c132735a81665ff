package com.abacus.admin.internal.web;

import com.abacus.accounts.Accounts;
import com.abacus.admin.internal.AuditLog;
import com.abacus.catalog.CatalogNames;
import com.abacus.shared.AccountId;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.Money;
import com.abacus.subscriptions.ContractPrices;
import com.abacus.subscriptions.SubscriptionId;
import com.abacus.subscriptions.SubscriptionLifecycle;
import com.abacus.subscriptions.Subscriptions;
import java.time.LocalDate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** ADMIN's actions on an account's subscriptions: end one now (with a reason), set an enterprise contract price. */
@Controller
@RequestMapping("/admin/accounts")
@PreAuthorize("hasRole('SUPPORT')")
class SubscriptionConsole {

    private final Accounts accounts;
    private final Subscriptions subscriptions;
    private final SubscriptionLifecycle lifecycle;
    private final ContractPrices contractPrices;
    private final AuditLog audit;
    private final CatalogNames names;

    SubscriptionConsole(
            Accounts accounts,
            Subscriptions subscriptions,
            SubscriptionLifecycle lifecycle,
            ContractPrices contractPrices,
            AuditLog audit,
            CatalogNames names) {
        this.names = names;
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.lifecycle = lifecycle;
        this.contractPrices = contractPrices;
        this.audit = audit;
    }

    @PostMapping("/{id}/subscriptions/{subscriptionId}/cancel")
    @PreAuthorize("hasRole('ADMIN')")
    String cancelSubscription(
            @PathVariable String id,
            @PathVariable String subscriptionId,
            @RequestParam(defaultValue = "") String reason,
            Authentication staff,
            RedirectAttributes redirect) {
        AccountId account = AccountId.of(id);
        AccountConsole.requireReason(reason);
        var subscription = subscriptions.get(SubscriptionId.of(subscriptionId));
        if (!subscription.accountId().equals(account)) {
            throw new com.abacus.shared.NotFoundException("subscription", subscriptionId);
        }
        lifecycle.cancelNow(subscription.id(), "STAFF: " + reason);
        audit.record(
                staff,
                "SUBSCRIPTION_CANCELED",
                "subscription",
                subscriptionId,
                account,
                reason,
                subscription.planCode());
        redirect.addFlashAttribute("notice", "Subscription canceled now");
        return "redirect:/admin/accounts/" + id;
    }

    @PostMapping("/{id}/contracts")
    @PreAuthorize("hasRole('ADMIN')")
    String contractPrice(
            @PathVariable String id,
            @RequestParam String plan,
            @RequestParam String currency,
            @RequestParam String price,
            @RequestParam(defaultValue = "") String terms,
            @RequestParam(required = false) LocalDate validUntil,
            Authentication staff,
            RedirectAttributes redirect) {
        AccountId account = AccountId.of(id);
        accounts.get(account);
        Money amount;
        try {
            amount = Money.parse(price, currency);
        } catch (InvalidInputException e) {
            // Named as the form names it, so the page shows the message next to the price (what was typed stays).
            throw new InvalidInputException(
                    e.getMessage().startsWith("Currency") ? "currency" : "price", e.getMessage());
        }
        var contract = contractPrices.setContractPrice(account, plan, amount, terms, validUntil, staff.getName());
        audit.record(
                staff,
                "CONTRACT_PRICE_SET",
                "contract",
                plan + "/" + currency,
                account,
                terms,
                contract.price().toString());
        redirect.addFlashAttribute("notice", "Contract price for " + names.plan(plan) + " set to " + contract.price());
        return "redirect:/admin/accounts/" + id;
    }
}
