package com.abacus.admin.internal.web;

import com.abacus.accounts.Account;
import com.abacus.accounts.Accounts;
import com.abacus.accounts.NewAccount;
import com.abacus.accounts.TestClock;
import com.abacus.accounts.TestClocks;
import com.abacus.admin.internal.AuditLog;
import com.abacus.shared.DomainException;
import com.abacus.testclocks.ClockAdvances;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
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
 * Test clocks in the console (sandbox only): create one, open accounts on it, advance it with a date picker and watch
 * it get there, see what the last advance did. Times are entered and shown in UTC.
 */
@Controller
@RequestMapping("/admin/test-clocks")
@ConditionalOnProperty(name = "abacus.test-clocks.enabled", havingValue = "true")
@PreAuthorize("hasRole('ADMIN')")
class TestClockConsole {

    private final TestClocks clocks;
    private final ClockAdvances advances;
    private final Accounts accounts;
    private final AuditLog audit;

    TestClockConsole(TestClocks clocks, ClockAdvances advances, Accounts accounts, AuditLog audit) {
        this.clocks = clocks;
        this.advances = advances;
        this.accounts = accounts;
        this.audit = audit;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("clocks", clocks.all());
        return "admin/test-clocks";
    }

    @PostMapping
    String create(
            @RequestParam String name,
            @RequestParam String frozenTime,
            Authentication staff,
            RedirectAttributes flash) {
        TestClock created = clocks.create(name, utc(frozenTime));
        audit.record(staff, "TEST_CLOCK_CREATED", "test-clock", created.id(), null, null, created.name());
        return "redirect:/admin/test-clocks/" + created.id();
    }

    /** The clock; while it advances, its status fragment polls itself every second (htmx). */
    @GetMapping("/{id}")
    String clock(@PathVariable UUID id, HtmxRequest htmx, Model model) {
        TestClock clock = clocks.get(id);
        model.addAttribute("clock", clock);
        if (htmx.isHtmxRequest()) {
            return "admin/test-clock :: status";
        }
        model.addAttribute(
                "accounts",
                accounts.getAll(clocks.accountsOn(id)).values().stream()
                        .sorted(java.util.Comparator.comparing(Account::createdAt)
                                .thenComparing(Account::email))
                        .toList());
        // The date picker starts a month ahead (datetime-local, UTC).
        model.addAttribute(
                "suggestedAdvance",
                LocalDateTime.ofInstant(clock.frozenTime().plus(java.time.Duration.ofDays(31)), ZoneOffset.UTC)
                        .toString()
                        .substring(0, 16));
        return "admin/test-clock";
    }

    @PostMapping("/{id}/advance")
    String advance(@PathVariable UUID id, @RequestParam String to, Authentication staff) {
        TestClock advancing = advances.advance(id, utc(to));
        audit.record(staff, "TEST_CLOCK_ADVANCED", "test-clock", id, null, null, "to " + advancing.advanceTo());
        return "redirect:/admin/test-clocks/" + id;
    }

    @PostMapping("/{id}/accounts")
    String openAccount(
            @PathVariable UUID id,
            @RequestParam String name,
            @RequestParam String email,
            @RequestParam String currency,
            @RequestParam String timeZone,
            @RequestParam(defaultValue = "") String country,
            Authentication staff) {
        Account opened = accounts.open(
                new NewAccount(email, name, currency, timeZone, country.isBlank() ? null : country, null, id));
        audit.record(staff, "ACCOUNT_OPENED", "account", opened.id(), opened.id(), null, "on test clock " + id);
        return "redirect:/admin/accounts/" + opened.id();
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable UUID id, Authentication staff, RedirectAttributes flash) {
        TestClock clock = clocks.get(id);
        clocks.delete(id);
        audit.record(staff, "TEST_CLOCK_DELETED", "test-clock", id, null, null, clock.name());
        flash.addFlashAttribute("notice", "Deleted test clock " + clock.name() + " and its accounts");
        return "redirect:/admin/test-clocks";
    }

    /** A {@code datetime-local} value (no zone) read as UTC, or a full ISO instant. */
    private static Instant utc(String value) {
        try {
            return value.endsWith("Z")
                    ? Instant.parse(value)
                    : LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new DomainException(DomainException.Kind.INVALID, "bad-time", "Enter a date and time (UTC)");
        }
    }
}
