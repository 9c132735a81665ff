package com.abacus.admin.internal.web;

import com.abacus.accounts.Account;
import com.abacus.accounts.AccountList;
import com.abacus.accounts.AccountQuery;
import com.abacus.accounts.Accounts;
import com.abacus.payments.PaymentStatistics;
import com.abacus.payments.Processor;
import com.abacus.shared.AccountId;
import com.abacus.shared.InvalidInputException;
import com.abacus.subscriptions.SubscriptionMetrics;
import com.abacus.subscriptions.SubscriptionStatus;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The account list: search as you type (id, email, name, or an invoice number), filter by subscription status, plan,
 * currency and processor, sort by newest, oldest, name or email. The dashboard's figures link here with their filter.
 * A status or plan filter is matched in the subscriptions module, a processor filter in payments; the list intersects
 * them (at most {@value SubscriptionMetrics#MAX_FILTERED_ACCOUNTS} accounts each, beyond which it asks to narrow).
 */
@Controller
@PreAuthorize("hasRole('SUPPORT')")
class AccountListConsole {

    static final int PAGE_SIZE = 20;

    private final Accounts accounts;
    private final AccountList list;
    private final AccountBilling billing;
    private final SubscriptionMetrics subscriptions;
    private final PaymentStatistics payments;

    AccountListConsole(
            Accounts accounts,
            AccountList list,
            AccountBilling billing,
            SubscriptionMetrics subscriptions,
            PaymentStatistics payments) {
        this.accounts = accounts;
        this.list = list;
        this.billing = billing;
        this.subscriptions = subscriptions;
        this.payments = payments;
    }

    @GetMapping("/admin/accounts")
    String search(
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "") String status,
            @RequestParam(defaultValue = "") String plan,
            @RequestParam(defaultValue = "") String currency,
            @RequestParam(defaultValue = "") String processor,
            @RequestParam(defaultValue = "newest") String sort,
            @RequestParam(defaultValue = "0") int page,
            HtmxRequest htmx,
            Model model) {
        int safePage = Paging.page(page);
        String query = q.trim();
        List<Account> found;
        int total;
        boolean narrowed = false;
        if (query.toUpperCase(Locale.ROOT).startsWith("INV-")) {
            found = billing.accountOfInvoice(query).flatMap(accounts::find).stream()
                    .toList();
            total = found.size();
        } else {
            Set<AccountId> among = among(status, plan, processor);
            narrowed = among != null && among.size() > SubscriptionMetrics.MAX_FILTERED_ACCOUNTS;
            var result = list.find(new AccountQuery(
                    query,
                    currency.isBlank() ? null : currency.toUpperCase(Locale.ROOT),
                    among,
                    AccountQuery.Sort.of(sort),
                    safePage * PAGE_SIZE,
                    PAGE_SIZE));
            found = result.accounts();
            total = result.total();
        }
        model.addAttribute("q", query);
        model.addAttribute("status", status);
        model.addAttribute("plan", plan);
        model.addAttribute("currency", currency);
        model.addAttribute("processor", processor);
        model.addAttribute("sort", AccountQuery.Sort.of(sort).name().toLowerCase(Locale.ROOT));
        model.addAttribute("statuses", SubscriptionStatus.values());
        model.addAttribute("plans", subscriptions.liveByPlan().keySet());
        model.addAttribute("narrowed", narrowed);
        model.addAttribute("results", found);
        model.addAttribute("page", safePage);
        model.addAttribute("total", total);
        model.addAttribute("hasNext", (safePage + 1) * PAGE_SIZE < total);
        return htmx.isHtmxRequest() ? "admin/accounts :: results" : "admin/accounts";
    }

    /** The accounts the status, plan and processor filters allow (their intersection), or null: no such filter. */
    private @Nullable Set<AccountId> among(String status, String plan, String processor) {
        Set<AccountId> among = null;
        if (!status.isBlank() || !plan.isBlank()) {
            among = new LinkedHashSet<>(subscriptions.accountsWith(
                    status.isBlank() ? null : statusOf(status), plan.isBlank() ? null : plan));
        }
        if (!processor.isBlank()) {
            Set<AccountId> at =
                    payments.accountsAt(processorOf(processor), SubscriptionMetrics.MAX_FILTERED_ACCOUNTS + 1);
            if (among == null) {
                among = new LinkedHashSet<>(at);
            } else {
                among.retainAll(at);
            }
        }
        return among;
    }

    private static SubscriptionStatus statusOf(String value) {
        try {
            return SubscriptionStatus.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", "is not a subscription status");
        }
    }

    private static Processor processorOf(String value) {
        try {
            return Processor.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("processor", "must be legacy or new");
        }
    }
}
