package com.abacus.revenue.internal.web;

import com.abacus.revenue.ExportFormat;
import com.abacus.revenue.Revenue;
import com.abacus.revenue.RevenuePeriod;
import java.time.YearMonth;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Finance exports: {@code GET /api/v1/revenue/exports/{yyyy-MM}?format=csv|rollforward|journal}, streamed. A closed
 * period's response carries its fixed checksum ({@code Repr-Digest}, RFC 9530); finance can compare runs.
 */
@RestController
@PreAuthorize("hasRole('FINANCE') or hasAuthority('SCOPE_revenue:export')")
class RevenueApiController {

    private final Revenue revenue;

    RevenueApiController(Revenue revenue) {
        this.revenue = revenue;
    }

    @GetMapping("/api/v1/revenue/exports/{period}")
    ResponseEntity<StreamingResponseBody> export(
            @PathVariable String period, @RequestParam(defaultValue = "csv") String format) {
        return exportResponse(revenue, parse(period), ExportFormat.of(format));
    }

    @GetMapping("/api/v1/revenue/periods")
    List<RevenuePeriod> periods() {
        return revenue.periods();
    }

    @PostMapping("/api/v1/revenue/periods/{period}/close")
    @PreAuthorize("hasRole('FINANCE')")
    RevenuePeriod close(@PathVariable String period, Authentication staff) {
        return revenue.close(parse(period), staff.getName());
    }

    /** Shared with the console's download link. */
    static ResponseEntity<StreamingResponseBody> exportResponse(
            Revenue revenue, YearMonth period, ExportFormat format) {
        var response = ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, format.mediaType() + ";charset=UTF-8")
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(format.fileName(period))
                                .build()
                                .toString())
                .header(
                        "X-Period-Status",
                        revenue.period(period).filter(RevenuePeriod::closed).isPresent() ? "closed" : "open");
        revenue.checksum(period, format)
                .ifPresent(sha -> response.header(
                                "Repr-Digest",
                                "sha-256=:"
                                        + Base64.getEncoder()
                                                .encodeToString(HexFormat.of().parseHex(sha)) + ":")
                        .header("X-Checksum-SHA256", sha));
        return response.body(out -> revenue.export(period, format, out));
    }

    static YearMonth parse(String period) {
        return com.abacus.revenue.RevenuePeriod.parse(period);
    }
}
