package com.abacus.admin.internal.web;

import com.abacus.accounts.Accounts;
import com.abacus.admin.internal.AuditLog;
import com.abacus.catalog.CatalogNames;
import com.abacus.entitlements.Entitlements;
import com.abacus.shared.AccountId;
import com.abacus.shared.web.Formats;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Trials by a button and entitlement overrides on an account page, granted and revoked with a reason (audited). Forms
 * post normally without JavaScript; with htmx the entitlements section is replaced in place.
 */
@Controller
@RequestMapping("/admin/accounts")
@PreAuthorize("hasRole('SUPPORT')")
class EntitlementConsole {

    private final Accounts accounts;
    private final Entitlements entitlements;
    private final EntitlementView entitlementView;
    private final AuditLog audit;
    private final Clock clock;
    private final CatalogNames names;
    private static final Formats FORMATS = new Formats();

    EntitlementConsole(
            Accounts accounts,
            Entitlements entitlements,
            EntitlementView entitlementView,
            AuditLog audit,
            Clock clock,
            CatalogNames names) {
        this.names = names;
        this.accounts = accounts;
        this.entitlements = entitlements;
        this.entitlementView = entitlementView;
        this.audit = audit;
        this.clock = clock;
    }

    @PostMapping("/{id}/trials")
    String grantTrial(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String plan,
            @RequestParam(defaultValue = "0") int days,
            @RequestParam(defaultValue = "") String reason,
            Authentication staff,
            HtmxRequest htmx,
            Model model,
            RedirectAttributes redirect) {
        AccountId account = AccountId.of(id);
        var zone = accounts.get(account).timeZone();
        // Refused input (400) is answered next to its field by the page; what was typed stays.
        var trial =
                entitlements.grantTrial(account, plan.isBlank() ? null : plan, Map.of(), days, reason, staff.getName());
        audit.record(staff, "TRIAL_GRANTED", "trial", trial.id(), account, reason, plan + " for " + days + " days");
        model.addAttribute(
                "notice",
                "Trial of " + names.plan(plan) + " granted until " + FORMATS.at(trial.endsAt(), zone)
                        + " (the customer's time)");
        return section(account, htmx, model, redirect);
    }

    @PostMapping("/{id}/overrides")
    String grantOverride(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String feature,
            @RequestParam(defaultValue = "") String value,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "0") int days,
            Authentication staff,
            HtmxRequest htmx,
            Model model,
            RedirectAttributes redirect) {
        AccountId account = AccountId.of(id);
        accounts.get(account);
        var override = entitlements.grantOverride(
                account,
                feature,
                value,
                reason,
                staff.getName(),
                days > 0 ? clock.instant().plus(Duration.ofDays(days)) : null);
        audit.record(staff, "OVERRIDE_GRANTED", "override", override.id(), account, reason, feature + " = " + value);
        model.addAttribute("notice", "Override of " + names.feature(feature) + " (" + value + ") is live");
        return section(account, htmx, model, redirect);
    }

    @PostMapping("/{id}/overrides/{overrideId}/revoke")
    String revokeOverride(
            @PathVariable String id,
            @PathVariable UUID overrideId,
            @RequestParam(defaultValue = "") String reason,
            Authentication staff,
            HtmxRequest htmx,
            Model model,
            RedirectAttributes redirect) {
        AccountId account = AccountId.of(id);
        entitlements.revokeOverride(overrideId);
        audit.record(staff, "OVERRIDE_REVOKED", "override", overrideId, account, reason, null);
        model.addAttribute("notice", "Override revoked");
        return section(account, htmx, model, redirect);
    }

    @PostMapping("/{id}/trials/{trialId}/revoke")
    String revokeTrial(
            @PathVariable String id,
            @PathVariable UUID trialId,
            @RequestParam(defaultValue = "") String reason,
            Authentication staff,
            HtmxRequest htmx,
            Model model,
            RedirectAttributes redirect) {
        AccountId account = AccountId.of(id);
        entitlements.revokeTrial(trialId);
        audit.record(staff, "TRIAL_REVOKED", "trial", trialId, account, reason, null);
        model.addAttribute("notice", "Trial ended");
        return section(account, htmx, model, redirect);
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
        entitlementView.addTo(account, model);
        return "admin/account :: entitlements";
    }
}
