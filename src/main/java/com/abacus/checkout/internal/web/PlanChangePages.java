package com.abacus.checkout.internal.web;

import com.abacus.accounts.Accounts;
import com.abacus.accounts.CustomerPrincipal;
import com.abacus.catalog.CatalogNames;
import com.abacus.checkout.SubscriptionChanges;
import com.abacus.invoicing.Invoicing;
import com.abacus.shared.DomainException;
import com.abacus.shared.Money;
import com.abacus.shared.web.Formats;
import com.abacus.subscriptions.PlanChangeQuote;
import com.abacus.subscriptions.Subscription;
import com.abacus.subscriptions.SubscriptionId;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Changing a plan from the account page: what the change costs is shown first (upgrade now, prorated; downgrade or
 * cancel at period end), then confirmed; a scheduled change can be undone. After a charged upgrade the account page
 * waits for the upgrade's invoice to be issued, so it does not show the list without it.
 */
@Controller
class PlanChangePages {

    private static final Formats FORMATS = new Formats();

    private final SubscriptionChanges changes;
    private final Accounts accounts;
    private final Invoicing invoicing;
    private final CatalogNames names;

    PlanChangePages(SubscriptionChanges changes, Accounts accounts, Invoicing invoicing, CatalogNames names) {
        this.changes = changes;
        this.accounts = accounts;
        this.invoicing = invoicing;
        this.names = names;
    }

    /** What a change would do, before the customer confirms it. */
    @GetMapping("/account/subscriptions/{id}/change")
    String previewChange(
            @AuthenticationPrincipal CustomerPrincipal customer,
            @PathVariable String id,
            @RequestParam(required = false) String plan,
            HtmxRequest htmx,
            Model model) {
        PlanChangeQuote quote = changes.quoteChange(
                customer.accountId(), SubscriptionId.of(id), plan == null || plan.isBlank() ? null : plan);
        model.addAttribute("quote", quote);
        model.addAttribute("subscriptionId", id);
        model.addAttribute("zone", accounts.get(customer.accountId()).timeZone());
        model.addAttribute("key", UUID.randomUUID().toString());
        return htmx.isHtmxRequest() ? "site/change :: preview" : "site/change";
    }

    @PostMapping("/account/subscriptions/{id}/change")
    String change(
            @AuthenticationPrincipal CustomerPrincipal customer,
            @PathVariable String id,
            @RequestParam String plan,
            @RequestParam(required = false) String expectedAmount,
            @RequestParam(required = false) String currency,
            @RequestParam String key,
            RedirectAttributes redirect) {
        try {
            Money expected =
                    expectedAmount == null || expectedAmount.isBlank() ? null : Money.parse(expectedAmount, currency);
            int invoicesBefore = invoicing.invoices(customer.accountId()).size();
            var result = changes.changePlan(customer.accountId(), SubscriptionId.of(id), plan, expected, key);
            var zone = accounts.get(customer.accountId()).timeZone();
            if (result.order() == null) {
                redirect.addFlashAttribute(
                        "notice",
                        "Your plan changes to " + names.plan(plan) + " on "
                                + FORMATS.date(result.quote().effectiveAt(), zone) + ".");
            } else {
                redirect.addFlashAttribute(
                        "notice",
                        "You are now on " + names.plan(plan) + "; "
                                + FORMATS.price(result.quote().amountDueNow()) + " was charged.");
                if (result.quote().amountDueNow().isPositive()) {
                    redirect.addFlashAttribute("expectedInvoices", invoicesBefore + 1);
                }
            }
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/account";
    }

    @PostMapping("/account/subscriptions/{id}/cancel")
    String cancel(
            @AuthenticationPrincipal CustomerPrincipal customer, @PathVariable String id, RedirectAttributes redirect) {
        Subscription subscription = changes.cancel(customer.accountId(), SubscriptionId.of(id));
        var zone = accounts.get(customer.accountId()).timeZone();
        redirect.addFlashAttribute(
                "notice",
                subscription.cancelAtPeriodEnd()
                        ? "Your subscription ends on "
                                + FORMATS.date(subscription.currentPeriod().end(), zone)
                                + "; service continues until then."
                        : "Your subscription has ended.");
        return "redirect:/account";
    }

    @PostMapping("/account/subscriptions/{id}/undo")
    String undo(
            @AuthenticationPrincipal CustomerPrincipal customer, @PathVariable String id, RedirectAttributes redirect) {
        changes.undoScheduledChange(customer.accountId(), SubscriptionId.of(id));
        redirect.addFlashAttribute("notice", "The scheduled change was withdrawn; your plan continues as before.");
        return "redirect:/account";
    }
}
