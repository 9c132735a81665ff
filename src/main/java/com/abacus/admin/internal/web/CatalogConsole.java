package com.abacus.admin.internal.web;

import com.abacus.admin.internal.AuditLog;
import com.abacus.catalog.Catalog;
import com.abacus.catalog.CatalogChange;
import com.abacus.catalog.InvalidCatalogException;
import com.abacus.subscriptions.CatalogMigrations;
import com.abacus.subscriptions.Subscriptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Catalog versions with what changed between them and how many live subscriptions each change touches; a proposal
 * (YAML pasted in) is validated and diffed the same way. Moving subscriptions to a newer version is explicit, ADMIN
 * only, and audited.
 */
@Controller
@RequestMapping("/admin/catalog")
@PreAuthorize("hasAnyRole('SUPPORT', 'ADMIN')")
class CatalogConsole {

    private final Catalog catalog;
    private final Subscriptions subscriptions;
    private final CatalogMigrations catalogMigrations;
    private final AuditLog audit;

    CatalogConsole(Catalog catalog, Subscriptions subscriptions, CatalogMigrations catalogMigrations, AuditLog audit) {
        this.catalog = catalog;
        this.subscriptions = subscriptions;
        this.catalogMigrations = catalogMigrations;
        this.audit = audit;
    }

    record ChangeRow(CatalogChange change, long subscriptions) {}

    @GetMapping
    String page(@RequestParam(required = false) Integer from, @RequestParam(required = false) Integer to, Model model) {
        List<Integer> versions = catalog.versionNumbers();
        int current = catalog.current().number();
        int target = to == null ? current : to;
        int base = from == null ? Math.max(1, target - 1) : from;
        model.addAttribute("versions", versions);
        model.addAttribute("current", catalog.current());
        model.addAttribute("from", base);
        model.addAttribute("to", target);
        model.addAttribute("changes", rows(base == target ? List.of() : catalog.diff(base, target)));
        model.addAttribute("live", subscriptions.liveCountByPlan());
        return "admin/catalog";
    }

    /** A proposed file replaces the published file of the same name; the other published files stay as they are. */
    @PostMapping("/diff")
    String proposal(
            @RequestParam(defaultValue = "") String fileName,
            @RequestParam(defaultValue = "") String yaml,
            Model model) {
        model.addAttribute("fileName", fileName);
        model.addAttribute("yaml", yaml);
        try {
            Map<String, String> files =
                    new LinkedHashMap<>(catalog.files(catalog.current().number()));
            files.put(fileName.isBlank() ? "proposal.yaml" : fileName, yaml);
            model.addAttribute("proposal", rows(catalog.diffProposal(files)));
        } catch (InvalidCatalogException e) {
            model.addAttribute("problems", e.problems());
        }
        return page(null, null, model);
    }

    @PostMapping("/migrations")
    @PreAuthorize("hasRole('ADMIN')")
    String migrate(
            @RequestParam String plan,
            @RequestParam int fromVersion,
            @RequestParam int toVersion,
            @RequestParam(defaultValue = "") String reason,
            Authentication staff,
            RedirectAttributes redirect) {
        AccountConsole.requireReason(reason);
        int moved = catalogMigrations.migrateToVersion(plan, fromVersion, toVersion, staff.getName());
        audit.record(
                staff,
                "SUBSCRIPTIONS_MIGRATED",
                "plan",
                plan,
                null,
                reason,
                moved + " subscriptions v" + fromVersion + " → v" + toVersion);
        redirect.addFlashAttribute(
                "notice",
                moved + " subscriptions of " + plan + " moved to catalog v" + toVersion
                        + " (new price from their next renewal)");
        return "redirect:/admin/catalog";
    }

    private List<ChangeRow> rows(List<CatalogChange> changes) {
        Map<String, Long> live = subscriptions.liveCountByPlanAndCurrency();
        Map<String, Long> byPlan = subscriptions.liveCountByPlan();
        return changes.stream()
                .map(c -> new ChangeRow(c, affected(c, live, byPlan)))
                .toList();
    }

    /** Price changes touch subscribers of that plan in that currency; other plan changes touch all of its subscribers. */
    static long affected(CatalogChange change, Map<String, Long> byPlanAndCurrency, Map<String, Long> byPlan) {
        if (change.plan() == null) {
            return 0;
        }
        if (change.field() != null && change.field().startsWith("prices.")) {
            return byPlanAndCurrency.getOrDefault(
                    change.plan() + "/" + change.field().substring("prices.".length()), 0L);
        }
        return byPlan.getOrDefault(change.plan(), 0L);
    }
}
