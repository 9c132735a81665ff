package com.abacus.admin.internal.web;

import com.abacus.admin.internal.AuditLog;
import com.abacus.payments.MethodRouting;
import com.abacus.payments.PaymentMethodType;
import com.abacus.payments.ProcessorMigration;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
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

/**
 * The processor migration dashboard. Every staff member can watch it; moving the dial, resuming after a halt and
 * copying cards need ADMIN and a reason, and are audited.
 */
@Controller
@RequestMapping("/admin/payments/migration")
@PreAuthorize("hasAnyRole('SUPPORT', 'FINANCE', 'ADMIN')")
class MigrationConsole {

    private final ProcessorMigration migration;
    private final MethodRouting methodRouting;
    private final AuditLog audit;

    MigrationConsole(ProcessorMigration migration, MethodRouting methodRouting, AuditLog audit) {
        this.migration = migration;
        this.methodRouting = methodRouting;
        this.audit = audit;
    }

    @GetMapping
    String page(HtmxRequest htmx, Model model) {
        model.addAttribute("state", migration.migrationState());
        model.addAttribute("methods", methodRouting.rows());
        return htmx.isHtmxRequest() ? "admin/migration :: dashboard" : "admin/migration";
    }

    @PostMapping("/dial")
    @PreAuthorize("hasRole('ADMIN')")
    String dial(
            @RequestParam int percent,
            @RequestParam(defaultValue = "false") boolean newCustomers,
            @RequestParam(defaultValue = "") String reason,
            Authentication staff,
            RedirectAttributes redirect) {
        AccountConsole.requireReason(reason);
        var before = migration.dial();
        var after = migration.setDial(newCustomers, percent, staff.getName(), reason);
        audit.record(
                staff,
                "PROCESSOR_DIAL_CHANGED",
                "migration-dial",
                "dial",
                null,
                reason,
                before.percent() + "% → " + after.percent() + "%, new customers " + before.newCustomers() + " → "
                        + after.newCustomers());
        redirect.addFlashAttribute(
                "notice",
                "Dial set to " + after.percent() + "%"
                        + (after.newCustomers() ? ", new customers on the new processor" : ""));
        return "redirect:/admin/payments/migration";
    }

    @PostMapping("/resume")
    @PreAuthorize("hasRole('ADMIN')")
    String resume(@RequestParam(defaultValue = "") String reason, Authentication staff, RedirectAttributes redirect) {
        AccountConsole.requireReason(reason);
        migration.resume(staff.getName(), reason);
        audit.record(staff, "PROCESSOR_MIGRATION_RESUMED", "migration-dial", "dial", null, reason, null);
        redirect.addFlashAttribute("notice", "Migration resumed");
        return "redirect:/admin/payments/migration";
    }

    /** Halts or resumes the new processor for one payment method (cards, PayPal), leaving the others as they are. */
    @PostMapping("/methods/{method}")
    @PreAuthorize("hasRole('ADMIN')")
    String method(
            @PathVariable String method,
            @RequestParam boolean halted,
            @RequestParam(defaultValue = "") String reason,
            Authentication staff,
            RedirectAttributes redirect) {
        AccountConsole.requireReason(reason);
        PaymentMethodType type = PaymentMethodType.fromWire(method);
        boolean changed = migration.setMethodHalted(type, halted, staff.getName(), reason);
        if (changed) {
            audit.record(
                    staff,
                    halted ? "PROCESSOR_METHOD_HALTED" : "PROCESSOR_METHOD_RESUMED",
                    "migration-dial",
                    type.wire(),
                    null,
                    reason,
                    null);
        }
        redirect.addFlashAttribute(
                "notice",
                (halted ? "New processor halted for " : "New processor resumed for ")
                        + type.label()
                        + (changed ? "" : " (it was already)"));
        return "redirect:/admin/payments/migration";
    }

    @PostMapping("/copy-cards")
    @PreAuthorize("hasRole('ADMIN')")
    String copyCards(
            @RequestParam(defaultValue = "") String reason, Authentication staff, RedirectAttributes redirect) {
        AccountConsole.requireReason(reason);
        int copied = migration.copyCardsToNewProcessor();
        audit.record(staff, "CARDS_COPIED", "migration-dial", "cards", null, reason, copied + " cards");
        redirect.addFlashAttribute("notice", copied + " cards copied to the new processor and verified");
        return "redirect:/admin/payments/migration";
    }
}
