package com.abacus.revenue;

import com.abacus.revenue.internal.RevenueExports;
import com.abacus.revenue.internal.RevenuePeriodRepository;
import com.abacus.revenue.internal.RevenueRepository;
import com.abacus.revenue.internal.RevenueSettings;
import com.abacus.shared.DomainException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Recognised and deferred revenue, period close, exports. */
@Service
public class Revenue {

    private final RevenueRepository repository;
    private final RevenuePeriodRepository periodRows;
    private final RevenueExports exports;
    private final RevenueSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Revenue(
            RevenueRepository repository,
            RevenuePeriodRepository periodRows,
            RevenueExports exports,
            RevenueSettings settings,
            ApplicationEventPublisher events,
            Clock clock) {
        this.repository = repository;
        this.periodRows = periodRows;
        this.exports = exports;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    /** The calendar finance's months are in ({@code abacus.revenue.reporting-zone}). */
    public java.time.ZoneId reportingZone() {
        return settings.reportingZone();
    }

    public YearMonth currentPeriod() {
        return YearMonth.now(clock.withZone(settings.reportingZone()));
    }

    public List<RevenuePeriod> periods() {
        return periodRows.periods().stream().map(Revenue::view).toList();
    }

    public Optional<RevenuePeriod> period(YearMonth period) {
        return periodRows.period(period).map(Revenue::view);
    }

    /** Per month and currency: recognised revenue, refunds of recognised revenue, deferred balance at month end. */
    public List<MonthlyRevenue> byMonth() {
        Map<String, Long> deferred = new TreeMap<>();
        List<MonthlyRevenue> months = new ArrayList<>();
        for (var total : repository.monthTotals()) {
            long balance = deferred.merge(
                    total.currency(),
                    total.billed() - total.deferredReduction() - (total.recognized() - total.recognizedBeforeBilling()),
                    Long::sum);
            months.add(new MonthlyRevenue(
                    total.month(), total.currency(), total.recognized() + total.refunds(), total.refunds(), balance));
        }
        return months;
    }

    /** Streams an export. For a closed period the bytes are the same on every run (see {@link #checksum}). */
    public void export(YearMonth period, ExportFormat format, OutputStream out) {
        exports.write(period, format, out);
    }

    /** SHA-256 of a closed period's export, fixed when it was closed; empty while the period is open. */
    public Optional<String> checksum(YearMonth period, ExportFormat format) {
        return period(period)
                .filter(RevenuePeriod::closed)
                .map(p -> p.checksums().get(format.code()));
    }

    /**
     * Closes a month: its figures never change again; anything that arrives later for it is reported in the next open
     * month. Months close in order, and only once they have ended.
     */
    @Transactional
    public RevenuePeriod close(YearMonth period, String by) {
        if (!period.isBefore(currentPeriod())) {
            throw new DomainException(DomainException.Kind.CONFLICT, "period-not-ended", period + " has not ended yet");
        }
        String status = periodRows.lockForClose(period).orElseThrow();
        if ("CLOSED".equals(status)) {
            return period(period).orElseThrow();
        }
        List<YearMonth> open = periodRows.openBefore(period);
        if (!open.isEmpty()) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "earlier-period-open",
                    "Close " + open.get(0) + " first: months close in order");
        }
        Map<String, String> checksums = new LinkedHashMap<>();
        for (ExportFormat format : ExportFormat.values()) {
            checksums.put(format.code(), sha256(period, format));
        }
        periodRows.close(
                period,
                by,
                clock.instant(),
                checksums.get("csv"),
                checksums.get("journal"),
                checksums.get("rollforward"));
        events.publishEvent(
                new RevenuePeriodClosed(period, by, checksums.get("csv"), checksums.get("journal"), clock.instant()));
        return period(period).orElseThrow();
    }

    private String sha256(YearMonth period, ExportFormat format) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
                exports.write(period, format, out);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RevenuePeriod view(RevenuePeriodRepository.PeriodRow row) {
        Map<String, String> checksums = new LinkedHashMap<>();
        if (row.csv() != null) {
            checksums.put("csv", row.csv());
            checksums.put("journal", row.journal());
            checksums.put("rollforward", row.rollforward());
        }
        return new RevenuePeriod(
                row.period(), "CLOSED".equals(row.status()), row.closedAt(), row.closedBy(), checksums);
    }
}
