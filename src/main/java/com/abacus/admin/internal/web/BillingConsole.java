package com.abacus.admin.internal.web;

import com.abacus.admin.internal.AuditLog;
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

/** Billing engineers start invoice runs and watch them (progress polled by htmx), and see the dunning queue. */
@Controller
@RequestMapping("/admin/billing")
@PreAuthorize("hasRole('ADMIN')")
class BillingConsole {

    private final Invoicing invoicing;

    private final InvoiceRuns invoiceRuns;
    private final AuditLog audit;
    private final Clock clock;

    BillingConsole(Invoicing invoicing, InvoiceRuns invoiceRuns, AuditLog audit, Clock clock) {
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
}
