package com.abacus.admin.internal.web;

import com.abacus.accounts.Account;
import com.abacus.accounts.Accounts;
import com.abacus.accounts.TestClocks;
import com.abacus.admin.internal.AuditLog;
import com.abacus.shared.AccountId;
import com.abacus.shared.DomainException;
import com.abacus.subscriptions.ContractPrices;
import com.abacus.subscriptions.Subscriptions;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Support's view of a customer: find the account (search as you type) and see everything about it. What staff do
 * there lives beside it: {@link EntitlementConsole} (trials, overrides), {@link SubscriptionConsole} (cancel now,
 * contract prices), {@link PrivacyConsole} (access and erasure). Every change is audited.
 */
@Controller
@RequestMapping("/admin/accounts")
@PreAuthorize("hasRole('SUPPORT')")
class AccountConsole {

    private final Accounts accounts;
    private final Subscriptions subscriptions;
    private final ContractPrices contractPrices;
    private final AccountBilling billing;
    private final EntitlementView entitlementView;
    private final AuditLog audit;
    private final TestClocks testClocks;

    AccountConsole(
            Accounts accounts,
            Subscriptions subscriptions,
            ContractPrices contractPrices,
            AccountBilling billing,
            EntitlementView entitlementView,
            AuditLog audit,
            TestClocks testClocks) {
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.contractPrices = contractPrices;
        this.billing = billing;
        this.entitlementView = entitlementView;
        this.audit = audit;
        this.testClocks = testClocks;
    }

    static final int PAGE_SIZE = 20;

    /** The search page, or just its results for an htmx request (search as you type, paging). */
    @GetMapping
    String search(
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "0") int page,
            HtmxRequest htmx,
            Model model) {
        int safePage = Paging.page(page);
        List<Account> found = new ArrayList<>();
        String query = q.trim();
        if (query.toUpperCase().startsWith("INV-")) {
            billing.accountOfInvoice(query).flatMap(accounts::find).ifPresent(found::add);
        } else {
            found.addAll(accounts.search(query, safePage * PAGE_SIZE, PAGE_SIZE));
        }
        int total = query.toUpperCase().startsWith("INV-") ? found.size() : accounts.count(query);
        model.addAttribute("q", query);
        model.addAttribute("results", found);
        model.addAttribute("page", safePage);
        model.addAttribute("total", total);
        model.addAttribute("hasNext", (safePage + 1) * PAGE_SIZE < total);
        return htmx.isHtmxRequest() ? "admin/accounts :: results" : "admin/accounts";
    }

    @GetMapping("/{id}")
    String account(@PathVariable String id, Model model) {
        AccountId account = AccountId.of(id);
        var found = accounts.get(account);
        model.addAttribute("account", found);
        // The banner of an account on a test clock: everything on this page is at the clock's time.
        model.addAttribute("testClock", found.testClockId() == null ? null : testClocks.get(found.testClockId()));
        model.addAttribute("subscriptions", subscriptions.forAccount(account));
        billing.addTo(account, model);
        model.addAttribute("contracts", contractPrices.contracts(account));
        model.addAttribute("audit", audit.forAccount(account));
        entitlementView.addTo(account, model);
        return "admin/account";
    }

    static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new DomainException(DomainException.Kind.INVALID, "reason-required", "A reason is required");
        }
    }
}
