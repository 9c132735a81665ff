package com.abacus.admin.internal.web;

import com.abacus.admin.AuditEntry;
import com.abacus.admin.internal.AuditLog;
import com.abacus.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit trail, read-only: there is no edit or delete anywhere in the console (and the table refuses both).
 * Filtered by who, what and a day range (UTC), and exported as CSV with the same filter.
 */
@Controller
@RequestMapping("/admin")
@PreAuthorize("hasAnyRole('SUPPORT', 'FINANCE', 'ADMIN')")
class AuditConsole {

    private final AuditLog audit;

    AuditConsole(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/audit")
    String page(
            @RequestParam(defaultValue = "") String actor,
            @RequestParam(defaultValue = "") String action,
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        int safePage = Paging.page(page);
        var entries = audit.recent(filter(actor, action, from, to), safePage * 50, 51);
        model.addAttribute("entries", entries.subList(0, Math.min(50, entries.size())));
        model.addAttribute("hasNext", entries.size() > 50);
        model.addAttribute("page", safePage);
        model.addAttribute("actor", actor);
        model.addAttribute("action", action);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "admin/audit";
    }

    @GetMapping("/audit.csv")
    void export(
            @RequestParam(defaultValue = "") String actor,
            @RequestParam(defaultValue = "") String action,
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to,
            HttpServletResponse response)
            throws IOException {
        AuditLog.Filter filter = filter(actor, action, from, to);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"abacus-audit.csv\"");
        PrintWriter out = new PrintWriter(
                new java.io.OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), false);
        out.print("at,actor,roles,action,target_type,target_id,account_id,reason,detail\r\n");
        audit.forEach(filter, entry -> out.print(row(entry)));
        out.flush();
    }

    private static AuditLog.Filter filter(String actor, String action, LocalDate from, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new InvalidInputException("to", "must not be before from");
        }
        return new AuditLog.Filter(actor, action, from, to);
    }

    /** RFC 4180: every field quoted, quotes doubled; a leading = + - @ is prefixed with ' so spreadsheets show text. */
    static String row(AuditEntry e) {
        return String.join(
                        ",",
                        field(e.at().toString()),
                        field(e.actor()),
                        field(e.roles()),
                        field(e.action()),
                        field(e.targetType()),
                        field(e.targetId()),
                        field(e.accountId() == null ? "" : e.accountId().toString()),
                        field(e.reason()),
                        field(e.detail()))
                + "\r\n";
    }

    private static String field(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
