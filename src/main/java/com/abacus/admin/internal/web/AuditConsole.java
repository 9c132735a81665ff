package com.abacus.admin.internal.web;

import com.abacus.admin.internal.AuditLog;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit trail, read-only: there is no edit or delete anywhere in the console (and the table refuses both). */
@Controller
@RequestMapping("/admin/audit")
@PreAuthorize("hasAnyRole('SUPPORT', 'FINANCE', 'ADMIN')")
class AuditConsole {

    private final AuditLog audit;

    AuditConsole(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping
    String page(
            @RequestParam(defaultValue = "") String actor,
            @RequestParam(defaultValue = "") String action,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        int safePage = Paging.page(page);
        var entries = audit.recent(actor, action, safePage * 50, 51);
        model.addAttribute("entries", entries.subList(0, Math.min(50, entries.size())));
        model.addAttribute("hasNext", entries.size() > 50);
        model.addAttribute("page", safePage);
        model.addAttribute("actor", actor);
        model.addAttribute("action", action);
        return "admin/audit";
    }
}
