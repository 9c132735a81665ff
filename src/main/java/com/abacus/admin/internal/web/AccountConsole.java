package com.abacus.admin.internal.web;

import com.abacus.accounts.Account;
import com.abacus.accounts.Accounts;
import com.abacus.admin.internal.AuditLog;
import com.abacus.catalog.Catalog;
import com.abacus.entitlements.Entitlements;
import com.abacus.invoicing.Invoice;
import com.abacus.invoicing.Invoicing;
import com.abacus.payments.Payments;
import com.abacus.shared.AccountId;
import com.abacus.shared.DomainException;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.Money;
import com.abacus.subscriptions.SubscriptionId;
import com.abacus.subscriptions.Subscriptions;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Support's view of a customer: find the account (search as you type), see everything about it, grant trials and
 * overrides. Every change is audited. Forms post normally without JavaScript; with htmx the affected section is
 * replaced in place.
 */
@Controller
@RequestMapping("/admin/accounts")
@PreAuthorize("hasRole('SUPPORT')")
class AccountConsole {

    static final int PAGE_SIZE = 20;

    private final Accounts accounts;
    private final Subscriptions subscriptions;
    private final Payments payments;
    private final Invoicing invoicing;
    private final Entitlements entitlements;
    private final Catalog catalog;
    private final AuditLog audit;
    private final Clock clock;

    AccountConsole(Accounts accounts, Subscriptions subscriptions, Payments payments, Invoicing invoicing, Entitlements entitlements,
            Catalog catalog, AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.payments = payments;
        this.invoicing = invoicing;
        this.entitlements = entitlements;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
    }

    /** The search page, or just its results for an htmx request (search as you type, paging). */
    @GetMapping
    String search(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page, HtmxRequest htmx, Model model) {
        int safePage = Paging.page(page);
        List<Account> found = new ArrayList<>();
        String query = q.trim();
        if (query.toUpperCase().startsWith("INV-")) {
            invoicing.invoiceByNumber(query).flatMap(i -> accounts.find(i.accountId())).ifPresent(found::add);
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
        model.addAttribute("account", accounts.get(account));
        model.addAttribute("subscriptions", subscriptions.forAccount(account));
        model.addAttribute("payments", payments.paymentsOf(account));
        model.addAttribute("refunds", payments.refundsOf(account));
        model.addAttribute("cards", payments.paymentMethods(account));
        model.addAttribute("processor", payments.processorOf(account));
        model.addAttribute("invoices", invoicing.invoices(account));
        model.addAttribute("creditNotes", invoicing.creditNotes(account));
        model.addAttribute("contracts", subscriptions.contracts(account));
        model.addAttribute("audit", audit.forAccount(account));
        addEntitlements(account, model);
        model.addAttribute("plans", catalog.current().plans().map(p -> p.code()).toList());
        model.addAttribute("features", entitlements.knownFeatures().keySet());
        return "admin/account";
    }

    @PostMapping("/{id}/trials")
    String grantTrial(@PathVariable String id, @RequestParam(defaultValue = "") String plan, @RequestParam(defaultValue = "0") int days,
            @RequestParam(defaultValue = "") String reason, Authentication staff, HtmxRequest htmx, Model model,
            RedirectAttributes redirect) {
        AccountId account = AccountId.of(id);
        accounts.get(account);
        try {
            var trial = entitlements.grantTrial(account, plan.isBlank() ? null : plan, Map.of(), days, reason, staff.getName());
            audit.record(staff, "TRIAL_GRANTED", "trial", trial.id(), account, reason, plan + " for " + days + " days");
            model.addAttribute("notice", "Trial of " + plan + " granted until " + trial.endsAt());
        } catch (InvalidInputException e) {
            model.addAttribute("error", e.fieldErrors().values().iterator().next());
        }
        return section(account, htmx, model, redirect);
    }

    @PostMapping("/{id}/overrides")
    String grantOverride(@PathVariable String id, @RequestParam(defaultValue = "") String feature,
            @RequestParam(defaultValue = "") String value, @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "0") int days, Authentication staff, HtmxRequest htmx, Model model, RedirectAttributes redirect) {
        AccountId account = AccountId.of(id);
        accounts.get(account);
        try {
            var override = entitlements.grantOverride(account, feature, value, reason, staff.getName(),
                    days > 0 ? clock.instant().plus(Duration.ofDays(days)) : null);
            audit.record(staff, "OVERRIDE_GRANTED", "override", override.id(), account, reason, feature + " = " + value);
            model.addAttribute("notice", "Override " + feature + " = " + value + " is live");
        } catch (InvalidInputException e) {
            model.addAttribute("error", e.fieldErrors().values().iterator().next());
        }
        return section(account, htmx, model, redirect);
    }

    @PostMapping("/{id}/overrides/{overrideId}/revoke")
    String revokeOverride(@PathVariable String id, @PathVariable UUID overrideId, @RequestParam(defaultValue = "") String reason,
            Authentication staff, HtmxRequest htmx, Model model, RedirectAttributes redirect) {
        AccountId account = AccountId.of(id);
        entitlements.revokeOverride(overrideId);
        audit.record(staff, "OVERRIDE_REVOKED", "override", overrideId, account, reason, null);
        model.addAttribute("notice", "Override revoked");
        return section(account, htmx, model, redirect);
    }

    @PostMapping("/{id}/trials/{trialId}/revoke")
    String revokeTrial(@PathVariable String id, @PathVariable UUID trialId, @RequestParam(defaultValue = "") String reason,
            Authentication staff, HtmxRequest htmx, Model model, RedirectAttributes redirect) {
        AccountId account = AccountId.of(id);
        entitlements.revokeTrial(trialId);
        audit.record(staff, "TRIAL_REVOKED", "trial", trialId, account, reason, null);
        model.addAttribute("notice", "Trial ended");
        return section(account, htmx, model, redirect);
    }

    @PostMapping("/{id}/subscriptions/{subscriptionId}/cancel")
    @PreAuthorize("hasRole('ADMIN')")
    String cancelSubscription(@PathVariable String id, @PathVariable String subscriptionId, @RequestParam(defaultValue = "") String reason,
            Authentication staff, RedirectAttributes redirect) {
        AccountId account = AccountId.of(id);
        requireReason(reason);
        var subscription = subscriptions.get(SubscriptionId.of(subscriptionId));
        if (!subscription.accountId().equals(account)) {
            throw new com.abacus.shared.NotFoundException("subscription", subscriptionId);
        }
        subscriptions.cancelNow(subscription.id(), "STAFF: " + reason);
        entitlements.refresh(account);
        audit.record(staff, "SUBSCRIPTION_CANCELED", "subscription", subscriptionId, account, reason, subscription.planCode());
        redirect.addFlashAttribute("notice", "Subscription canceled now");
        return "redirect:/admin/accounts/" + id;
    }

    @PostMapping("/{id}/contracts")
    @PreAuthorize("hasRole('ADMIN')")
    String contractPrice(@PathVariable String id, @RequestParam String plan, @RequestParam String currency, @RequestParam String price,
            @RequestParam(defaultValue = "") String terms, @RequestParam(required = false) LocalDate validUntil,
            Authentication staff, RedirectAttributes redirect) {
        AccountId account = AccountId.of(id);
        accounts.get(account);
        try {
            var contract = subscriptions.setContractPrice(account, plan, Money.parse(price, currency), terms, validUntil, staff.getName());
            audit.record(staff, "CONTRACT_PRICE_SET", "contract", plan + "/" + currency, account, terms, contract.price().toString());
            redirect.addFlashAttribute("notice", "Contract price for " + plan + " set to " + contract.price());
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage() + ": " + e.fieldErrors());
        }
        return "redirect:/admin/accounts/" + id;
    }

    /** Right of access: the customer's personal data as JSON. */
    @GetMapping("/{id}/personal-data")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<byte[]> personalData(@PathVariable String id, Authentication staff) {
        AccountId account = AccountId.of(id);
        Map<String, Object> data = new LinkedHashMap<>(accounts.exportPersonalData(account));
        data.put("subscriptions", subscriptions.forAccount(account).stream().map(s -> Map.of("id", s.id().toString(),
                "plan", s.planCode(), "status", s.status().name().toLowerCase(), "price", s.price().toString())).toList());
        data.put("invoices", invoicing.invoices(account).stream().map(Invoice::number).toList());
        data.put("creditNotes", invoicing.creditNotes(account).stream().map(c -> c.number()).toList());
        data.put("payments", payments.paymentsOf(account).stream().map(p -> Map.of("id", p.id().toString(), "amount", p.amount().toString(),
                "status", p.status().name().toLowerCase(), "at", p.createdAt().toString())).toList());
        data.put("paymentMethods", payments.paymentMethods(account).stream().map(c -> c.brand() + " •••• " + c.last4()).toList());
        audit.record(staff, "PERSONAL_DATA_EXPORTED", "account", id, account, "data subject access request", null);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("personal-data-" + id + ".json").build().toString())
                .body(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsBytes(data));
    }

    /** Right to erasure: personal fields pseudonymised; invoices and revenue kept and still balancing. */
    @PostMapping("/{id}/erase")
    @PreAuthorize("hasRole('ADMIN')")
    String erase(@PathVariable String id, @RequestParam(defaultValue = "") String reason, Authentication staff, RedirectAttributes redirect) {
        AccountId account = AccountId.of(id);
        requireReason(reason);
        accounts.erasePersonalData(account);
        audit.record(staff, "PERSONAL_DATA_ERASED", "account", id, account, reason, null);
        redirect.addFlashAttribute("notice", "Personal data erased; invoices and revenue kept");
        return "redirect:/admin/accounts/" + id;
    }

    private String section(AccountId account, HtmxRequest htmx, Model model, RedirectAttributes redirect) {
        if (!htmx.isHtmxRequest()) {
            model.asMap().forEach((key, value) -> {
                if ("notice".equals(key) || "error".equals(key)) {
                    redirect.addFlashAttribute(key, value);
                }
            });
            return "redirect:/admin/accounts/" + account;
        }
        model.addAttribute("account", accounts.get(account));
        model.addAttribute("plans", catalog.current().plans().map(p -> p.code()).toList());
        model.addAttribute("features", entitlements.knownFeatures().keySet());
        addEntitlements(account, model);
        return "admin/account :: entitlements";
    }

    private void addEntitlements(AccountId account, Model model) {
        model.addAttribute("entitlements", entitlements.current(account).map(s -> s.features().values()).orElse(List.of()));
        model.addAttribute("snapshotVersion", entitlements.current(account).map(s -> s.version()).orElse(0L));
        model.addAttribute("trials", entitlements.trials(account));
        model.addAttribute("overrides", entitlements.overrides(account));
    }

    static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new DomainException(DomainException.Kind.INVALID, "reason-required", "A reason is required");
        }
    }
}
