package com.abacus.admin.internal.web;

import com.abacus.invoicing.Invoicing;
import com.abacus.payments.PaymentStatistics;
import com.abacus.revenue.MonthlyRevenue;
import com.abacus.revenue.Revenue;
import com.abacus.subscriptions.SubscriptionMetrics;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's home: the business at a glance (real accounts; test clock accounts are left out), each figure linking
 * to the list behind it. MRR counts live paying subscriptions (see {@link SubscriptionMetrics}); ARR is twelve times
 * MRR; "this month" is the calendar month in UTC, as the books are.
 */
@Controller
class DashboardController {

    private final SubscriptionMetrics subscriptions;
    private final PaymentStatistics payments;
    private final Invoicing invoicing;
    private final Revenue revenue;
    private final Clock clock;

    DashboardController(
            SubscriptionMetrics subscriptions,
            PaymentStatistics payments,
            Invoicing invoicing,
            Revenue revenue,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.payments = payments;
        this.invoicing = invoicing;
        this.revenue = revenue;
        this.clock = clock;
    }

    @GetMapping("/admin")
    String dashboard(Model model) {
        YearMonth month = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        var from = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        var to = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, Long> mrr = subscriptions.monthlyRecurringRevenue();
        Map<String, Long> arr = new TreeMap<>();
        mrr.forEach((currency, minor) -> arr.put(currency, Math.multiplyExact(minor, 12)));
        Map<String, Long> recognized = new TreeMap<>();
        for (MonthlyRevenue m : revenue.byMonth()) {
            if (m.month().equals(month)) {
                recognized.merge(m.currency(), m.recognizedMinor(), Long::sum);
            }
        }
        model.addAttribute("month", month);
        model.addAttribute("mrr", mrr);
        model.addAttribute("arr", arr);
        model.addAttribute("byPlan", subscriptions.liveByPlan());
        model.addAttribute("started", subscriptions.startedBetween(from, to));
        model.addAttribute("canceled", subscriptions.canceledBetween(from, to));
        model.addAttribute("failedPayments", payments.failedBetween(from, to));
        model.addAttribute("dunning", invoicing.dunningQueue().size());
        model.addAttribute("revenue", recognized);
        return "admin/dashboard";
    }
}
