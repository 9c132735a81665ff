package com.abacus.admin.internal.web;

import com.abacus.admin.internal.AuditLog;
import com.abacus.admin.internal.ExportJobs;
import com.abacus.revenue.ExportFormat;
import com.abacus.revenue.MonthlyRevenue;
import com.abacus.revenue.Revenue;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
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

/** Finance: revenue by month (a server-rendered SVG chart), period close, exports with progress. */
@Controller
@RequestMapping("/admin/finance")
@PreAuthorize("hasRole('FINANCE')")
class FinanceConsole {

    private final Revenue revenue;
    private final ExportJobs exports;
    private final AuditLog audit;

    FinanceConsole(Revenue revenue, ExportJobs exports, AuditLog audit) {
        this.revenue = revenue;
        this.exports = exports;
        this.audit = audit;
    }

    /** One bar of the chart, already laid out. */
    record Bar(
            String month,
            String recognized,
            String deferred,
            int x,
            int height,
            int y,
            int deferredHeight,
            int deferredY) {}

    @GetMapping
    String page(@RequestParam(required = false) String currency, Model model) {
        List<MonthlyRevenue> months = revenue.byMonth();
        TreeSet<String> currencies = new TreeSet<>();
        months.forEach(m -> currencies.add(m.currency()));
        String shown = currency != null && currencies.contains(currency)
                ? currency
                : currencies.isEmpty() ? "USD" : currencies.first();
        List<MonthlyRevenue> series =
                months.stream().filter(m -> m.currency().equals(shown)).toList();
        series = series.subList(Math.max(0, series.size() - 18), series.size());
        long max = Math.max(
                1,
                series.stream()
                        .mapToLong(m -> Math.max(Math.abs(m.recognizedMinor()), Math.abs(m.deferredMinor())))
                        .max()
                        .orElse(1));
        int scale = Currency.getInstance(shown).getDefaultFractionDigits();
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            MonthlyRevenue m = series.get(i);
            int height = (int) (160 * Math.max(0, m.recognizedMinor()) / max);
            int deferredHeight = (int) (160 * Math.max(0, m.deferredMinor()) / max);
            bars.add(new Bar(
                    m.month().toString(),
                    BigDecimal.valueOf(m.recognizedMinor(), scale).toPlainString(),
                    BigDecimal.valueOf(m.deferredMinor(), scale).toPlainString(),
                    50 + i * 44,
                    height,
                    180 - height,
                    deferredHeight,
                    180 - deferredHeight));
        }
        model.addAttribute("currencies", currencies);
        model.addAttribute("currency", shown);
        model.addAttribute("bars", bars);
        model.addAttribute("chartWidth", 60 + bars.size() * 44);
        // The y axis: zero and the largest value shown, at the currency's scale.
        model.addAttribute("axisMax", BigDecimal.valueOf(max, scale).toPlainString());
        model.addAttribute("periods", revenue.periods());
        model.addAttribute("current", revenue.currentPeriod());
        model.addAttribute("formats", ExportFormat.values());
        return "admin/finance";
    }

    @PostMapping("/periods/{period}/close")
    String close(@PathVariable String period, Authentication staff, RedirectAttributes redirect) {
        YearMonth month = parse(period);
        // Audited by RevenueCloseAudit, as a close through the API is.
        revenue.close(month, staff.getName());
        redirect.addFlashAttribute("notice", month + " closed; its figures will not change");
        return "redirect:/admin/finance";
    }

    @PostMapping("/exports")
    String startExport(
            @RequestParam String period,
            @RequestParam String format,
            Authentication staff,
            HtmxRequest htmx,
            Model model)
            throws IOException {
        var job = exports.start(parse(period), ExportFormat.of(format));
        audit.record(
                staff, "EXPORT_STARTED", "revenue-export", job.id(), null, "finance export", period + " " + format);
        if (!htmx.isHtmxRequest()) {
            return "redirect:/admin/finance/exports/" + job.id();
        }
        return progress(job.id(), htmx, model);
    }

    @GetMapping("/exports/{id}")
    String progress(@PathVariable UUID id, HtmxRequest htmx, Model model) {
        model.addAttribute(
                "job", exports.find(id).orElseThrow(() -> new com.abacus.shared.NotFoundException("export", id)));
        return htmx.isHtmxRequest() ? "admin/finance :: export" : "admin/export";
    }

    @GetMapping("/exports/{id}/download")
    ResponseEntity<Resource> download(@PathVariable UUID id, Authentication staff) {
        var job = exports.find(id)
                .filter(j -> j.status() == ExportJobs.Status.DONE)
                .orElseThrow(() -> new com.abacus.shared.NotFoundException("export", id));
        var response = ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, job.format().mediaType() + ";charset=UTF-8")
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(job.format().fileName(job.period()))
                                .build()
                                .toString());
        revenue.checksum(job.period(), job.format()).ifPresent(sha -> response.header("X-Checksum-SHA256", sha));
        try {
            response.header(HttpHeaders.CONTENT_LENGTH, Long.toString(Files.size(job.file())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return response.body(new FileSystemResource(job.file()));
    }

    private static YearMonth parse(String period) {
        return com.abacus.revenue.RevenuePeriod.parse(period);
    }
}
