package com.abacus.admin.internal.web;

import com.abacus.admin.internal.AuditLog;
import com.abacus.invoicing.DunningActions;
import com.abacus.invoicing.InvoiceId;
import com.abacus.invoicing.InvoiceRuns;
import com.abacus.invoicing.Invoicing;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.time.Clock;
import java.util.UUID;
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
 * Billing engineers start invoice runs and watch them (progress polled by htmx), and work the dunning queue: retry now,
 * pause, write off.
 */
@Controller
@RequestMapping("/admin/billing")
@PreAuthorize("hasRole('ADMIN')")
class BillingConsole {

    private final Invoicing invoicing;

    private final InvoiceRuns invoiceRuns;
    private final AuditLog audit;
    private final Clock clock;
    private final DunningActions dunning;

    BillingConsole(Invoicing invoicing, InvoiceRuns invoiceRuns, AuditLog audit, Clock clock, DunningActions dunning) {
        this.dunning = dunning;
        this.invoicing = invoicing;
        this.invoiceRuns = invoiceRuns;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping
    String page(Model model) {
        model.addAttribute("runs", invoiceRuns.runs());
        model.addAttribute("dunning", invoicing.dunningQueue());
        return "admin/billing";
    }

    @PostMapping("/runs")
    String start(Authentication staff, HtmxRequest htmx, Model model) {
        UUID id = invoiceRuns.startRun(clock.instant(), staff.getName());
        audit.record(staff, "INVOICE_RUN_STARTED", "invoice-run", id, null, "started from the console", null);
        if (!htmx.isHtmxRequest()) {
            return "redirect:/admin/billing/runs/" + id;
        }
        return progress(id.toString(), htmx, model);
    }

    @GetMapping("/runs/{id}")
    String progress(@PathVariable String id, HtmxRequest htmx, Model model) {
        model.addAttribute("runId", id);
        model.addAttribute("run", invoiceRuns.run(UUID.fromString(id)).orElse(null));
        if (!htmx.isHtmxRequest()) {
            model.addAttribute("runs", invoiceRuns.runs());
            model.addAttribute("dunning", invoicing.dunningQueue());
            return "admin/billing";
        }
        return "admin/billing :: run-status";
    }

    /** Retry now, pause or write off an invoice in dunning; always with a reason, always audited. */
    @PostMapping("/dunning/{id}/{action}")
    String dunningAction(
            @PathVariable String id,
            @PathVariable String action,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "7") int days,
            Authentication staff,
            RedirectAttributes redirect) {
        AccountConsole.requireReason(reason);
        InvoiceId invoice = InvoiceId.of(id);
        var result = switch (action) {
            case "retry" -> dunning.retryNow(invoice);
            case "pause" -> dunning.pause(invoice, days);
            case "write-off" -> dunning.writeOff(invoice);
            default -> throw new com.abacus.shared.NotFoundException("dunning action", action);
        };
        audit.record(
                staff,
                "DUNNING_" + action.toUpperCase(java.util.Locale.ROOT).replace('-', '_'),
                "invoice",
                result.number(),
                result.accountId(),
                reason,
                action.equals("pause") ? "paused " + days + " days" : "now " + result.displayStatus());
        redirect.addFlashAttribute(
                "notice",
                switch (action) {
                    case "retry" -> "Invoice " + result.number() + " was retried: " + result.displayStatus() + ".";
                    case "pause" ->
                        "Dunning of " + result.number() + " is paused until "
                                + new com.abacus.shared.web.Formats().at(result.nextAttemptAt()) + ".";
                    default -> "Invoice " + result.number() + " was written off.";
                });
        return "redirect:/admin/billing#dunning";
    }
}
