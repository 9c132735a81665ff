package com.abacus.admin.internal.web;

import com.abacus.accounts.Accounts;
import com.abacus.catalog.Catalog;
import com.abacus.catalog.Product;
import com.abacus.contracts.Contract;
import com.abacus.contracts.ContractOverlaps;
import com.abacus.contracts.Contracts;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Contracts in the console for sales, finance and admins: every contract with its account, products and term, and the
 * renewal calendar (contracts whose term ends in the next 90 days).
 */
@Controller
@PreAuthorize("hasAnyRole('SALES','FINANCE','ADMIN')")
class ContractConsole {

    static final int RENEWAL_WINDOW_DAYS = 90;

    private final Contracts contracts;
    private final Accounts accounts;
    private final Catalog catalog;
    private final Clock clock;

    ContractConsole(Contracts contracts, Accounts accounts, Catalog catalog, Clock clock) {
        this.contracts = contracts;
        this.accounts = accounts;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** {@code firstDay}, {@code lastDay}: the term's days as staff read them (the contract's calendar days). */
    record Row(Contract contract, String accountName, String products, String firstDay, String lastDay) {}

    @GetMapping("/admin/contracts")
    String contracts(Model model) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<Contract> all = contracts.list(null);
        Map<Object, String> names = new LinkedHashMap<>();
        List<Row> rows = all.stream()
                .map(c -> new Row(
                        c,
                        names.computeIfAbsent(
                                c.terms().accountId(),
                                id -> accounts.get(c.terms().accountId()).name()),
                        ContractOverlaps.products(c.terms()).stream()
                                .map(code -> catalog.current()
                                        .product(code)
                                        .map(Product::name)
                                        .orElse(code))
                                .collect(java.util.stream.Collectors.joining(", ")),
                        day(c.startDate()),
                        day(c.endDate().minusDays(1))))
                .toList();
        model.addAttribute("contracts", rows);
        model.addAttribute(
                "renewals",
                rows.stream()
                        .filter(r -> r.contract().status() == Contract.Status.ACTIVE)
                        .filter(r -> !r.contract().endDate().isBefore(today)
                                && !r.contract().endDate().isAfter(today.plusDays(RENEWAL_WINDOW_DAYS)))
                        .sorted(java.util.Comparator.comparing(r -> r.contract().endDate()))
                        .toList());
        model.addAttribute("windowDays", RENEWAL_WINDOW_DAYS);
        return "admin/contracts";
    }

    private static String day(LocalDate date) {
        return DAY.format(date);
    }

    private static final java.time.format.DateTimeFormatter DAY =
            java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy", java.util.Locale.ENGLISH);
}
