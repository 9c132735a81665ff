package com.abacus.checkout.internal.web;

import com.abacus.accounts.Accounts;
import com.abacus.accounts.CustomerApiKeys;
import com.abacus.accounts.CustomerPrincipal;
import com.abacus.catalog.Catalog;
import com.abacus.catalog.Plan;
import com.abacus.entitlements.Entitlements;
import com.abacus.invoicing.Invoicing;
import com.abacus.payments.Cards;
import com.abacus.subscriptions.Subscription;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The customer's account page: plans with their next invoice and usage, what they can use, invoices and credit notes,
 * saved cards and API keys. Every date in the account's time zone; every plan, add-on and feature by its name.
 */
@Controller
class AccountPage {

    private final Catalog catalog;
    private final com.abacus.checkout.SubscriptionChanges changes;
    private final Accounts accounts;
    private final Cards cards;
    private final Invoicing invoicing;
    private final Entitlements entitlements;
    private final CustomerApiKeys apiKeys;

    AccountPage(
            Catalog catalog,
            com.abacus.checkout.SubscriptionChanges changes,
            Accounts accounts,
            Cards cards,
            Invoicing invoicing,
            Entitlements entitlements,
            CustomerApiKeys apiKeys) {
        this.catalog = catalog;
        this.changes = changes;
        this.accounts = accounts;
        this.cards = cards;
        this.invoicing = invoicing;
        this.entitlements = entitlements;
        this.apiKeys = apiKeys;
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
        model.addAttribute("zone", account.timeZone());
        model.addAttribute("subscriptions", subscriptions);
        model.addAttribute("alternatives", alternatives);
        model.addAttribute("invoices", invoicing.invoices(customer.accountId()));
        model.addAttribute("creditNotes", invoicing.creditNotes(customer.accountId()));
        model.addAttribute("cards", cards.paymentMethods(customer.accountId()));
        model.addAttribute("apiKeys", apiKeys.keys(customer.accountId()));
        model.addAttribute(
                "entitlements",
                entitlements
                        .current(customer.accountId())
                        .map(s -> s.features().values())
                        .orElse(List.of()));
        return "site/account";
    }

    /**
     * The invoices section alone. Right after a charged upgrade the page asks for it until the upgrade's invoice is
     * there ({@code expect}: how many invoices the account should have), since the invoice is issued just after.
     */
    @GetMapping("/account/invoices")
    String invoices(
            @AuthenticationPrincipal CustomerPrincipal customer,
            @RequestParam(defaultValue = "0") int expect,
            Model model) {
        model.addAttribute("zone", accounts.get(customer.accountId()).timeZone());
        model.addAttribute("invoices", invoicing.invoices(customer.accountId()));
        model.addAttribute("creditNotes", invoicing.creditNotes(customer.accountId()));
        model.addAttribute("expectedInvoices", Math.min(Math.max(expect, 0), 1_000_000));
        return "site/account :: invoices";
    }
}
