package com.abacus.admin.internal.web;

import com.abacus.invoicing.TaxReports;
import com.abacus.revenue.Revenue;
import com.abacus.revenue.RevenuePeriod;
import com.abacus.shared.DomainException;
import com.abacus.shared.Money;
import java.io.StringWriter;
import java.time.YearMonth;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * FINANCE's tax report of a closed month, per jurisdiction and rate (taxable net, tax, net reverse charged): on a page
 * and as CSV. Only closed months: an open month's figures may still change.
 */
@Controller
@RequestMapping("/admin/finance/tax-report")
@PreAuthorize("hasRole('FINANCE')")
class TaxReportConsole {

    private final TaxReports reports;
    private final Revenue revenue;

    TaxReportConsole(TaxReports reports, Revenue revenue) {
        this.reports = reports;
        this.revenue = revenue;
    }

    /** A report row as the page prints it: amounts with the currency's symbol. */
    record Line(
            String jurisdiction, String tax, String rate, String taxable, String taxAmount, String reverseCharged) {}

    @GetMapping("/{period}")
    String page(@PathVariable String period, Model model) {
        YearMonth month = closed(period);
        var formats = new com.abacus.shared.web.Formats();
        model.addAttribute("period", month);
        model.addAttribute(
                "lines",
                reports.month(month, revenue.reportingZone()).stream()
                        .map(row -> new Line(
                                row.jurisdiction(),
                                row.tax(),
                                row.rate().toPlainString() + "%",
                                formats.price(Money.ofMinor(row.taxableMinor(), row.currency())),
                                formats.price(Money.ofMinor(row.taxMinor(), row.currency())),
                                formats.price(Money.ofMinor(row.reverseChargedMinor(), row.currency()))))
                        .toList());
        return "admin/tax-report";
    }

    @GetMapping("/{period}.csv")
    ResponseEntity<String> csv(@PathVariable String period) {
        YearMonth month = closed(period);
        StringWriter out = new StringWriter();
        reports.writeCsv(month, revenue.reportingZone(), out);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, "text/csv;charset=UTF-8")
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("tax-report-" + month + ".csv")
                                .build()
                                .toString())
                .body(out.toString());
    }

    private YearMonth closed(String period) {
        YearMonth month = RevenuePeriod.parse(period);
        if (revenue.period(month).filter(RevenuePeriod::closed).isEmpty()) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "period-open",
                    "The tax report is made for closed months; " + month + " is open");
        }
        return month;
    }
}
