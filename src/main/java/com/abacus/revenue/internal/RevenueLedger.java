package com.abacus.revenue.internal;

import com.abacus.accounts.TestClocks;
import com.abacus.invoicing.CreditNoteIssued;
import com.abacus.invoicing.InvoiceFinalized;
import com.abacus.invoicing.InvoiceLine;
import com.abacus.invoicing.InvoicePaid;
import com.abacus.invoicing.InvoiceWrittenOff;
import com.abacus.invoicing.InvoicesIssued;
import com.abacus.invoicing.InvoicesPaid;
import com.abacus.revenue.internal.RevenueRepository.Entry;
import com.abacus.revenue.internal.RevenueRepository.ScheduleRow;
import com.abacus.shared.AccountId;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns invoicing's events into the revenue ledger: a recognition schedule per invoice line, and the billing, payment,
 * credit and write-off entries the journal is made of. Idempotent per source (unique keys), since events can be
 * redelivered.
 */
@Component
class RevenueLedger {

    private final RevenueRepository repository;
    private final RevenuePeriodRepository periodRows;
    private final RevenueSettings settings;
    private final TestClocks testClocks;

    RevenueLedger(
            RevenueRepository repository,
            RevenuePeriodRepository periodRows,
            RevenueSettings settings,
            TestClocks testClocks) {
        this.repository = repository;
        this.periodRows = periodRows;
        this.settings = settings;
        this.testClocks = testClocks;
    }

    /**
     * An invoice gets its recognition schedule and its billed entry; one paid when it was issued (checkout) also its paid
     * entry, so its {@link InvoicePaid} needs no handling here.
     */
    @ApplicationModuleListener
    void on(InvoiceFinalized event) {
        record(List.of(event));
    }

    /** A payment that came after its invoice was issued (the condition is checked at publication: no record otherwise). */
    @ApplicationModuleListener(condition = "!#event.atIssue()")
    void on(InvoicePaid event) {
        paid(event).ifPresent(entry -> repository.insertEntries(List.of(entry), clocksOf(List.of(entry.accountId()))));
    }

    /** The invoice run's batches: the same as one event per invoice, written in batches. */
    @ApplicationModuleListener
    void on(InvoicesIssued event) {
        record(event.invoices());
    }

    private void record(List<InvoiceFinalized> invoices) {
        Set<UUID> scheduled = repository.withSchedule(
                invoices.stream().map(i -> i.invoiceId().value()).toList());
        Map<YearMonth, YearMonth> periods = new HashMap<>();
        Function<YearMonth, YearMonth> posting = month -> periods.computeIfAbsent(month, periodRows::postingPeriod);
        List<ScheduleRow> rows = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        Map<UUID, UUID> clocks =
                clocksOf(invoices.stream().map(i -> i.accountId().value()).toList());
        for (InvoiceFinalized invoice : invoices) {
            if (!scheduled.contains(invoice.invoiceId().value())) {
                // A test clock's accounts keep books of their own, never closed: each month posts to itself.
                Function<YearMonth, YearMonth> books =
                        clocks.containsKey(invoice.accountId().value()) ? Function.identity() : posting;
                YearMonth billedIn =
                        books.apply(YearMonth.from(invoice.issuedAt().atZone(settings.reportingZone())));
                List<ScheduleRow> invoiceRows = schedule(invoice, books, billedIn);
                rows.addAll(invoiceRows);
                long recognisedBefore = invoiceRows.stream()
                        .filter(ScheduleRow::beforeBilling)
                        .mapToLong(ScheduleRow::amountMinor)
                        .sum();
                billed(invoice, books, recognisedBefore).ifPresent(entries::add);
                paidAtIssue(invoice, books).ifPresent(entries::add);
            }
        }
        repository.insertSchedule(rows, clocks);
        repository.insertEntries(entries, clocks);
    }

    @ApplicationModuleListener
    void on(InvoicesPaid event) {
        List<Entry> entries = event.invoices().stream()
                .filter(i -> !i.atIssue())
                .map(this::paid)
                .flatMap(Optional::stream)
                .toList();
        repository.insertEntries(
                entries, clocksOf(entries.stream().map(Entry::accountId).toList()));
    }

    /** {@code posting} gives the open month an amount of a month is reported in (see RevenueRepository#postingPeriod). */
    private List<ScheduleRow> schedule(
            InvoiceFinalized event, Function<YearMonth, YearMonth> posting, YearMonth billedIn) {
        List<ScheduleRow> rows = new ArrayList<>();
        for (InvoiceLine line : event.lines()) {
            // Revenue is what the line earns without tax; the tax is owed to the jurisdiction.
            var months = Recognition.byMonth(
                    line.net().minor(),
                    line.serviceStart(),
                    line.serviceEnd(),
                    event.issuedAt(),
                    settings.reportingZone());
            months.forEach((month, amount) -> {
                if (amount != 0) {
                    rows.add(new ScheduleRow(
                            event.invoiceId().value(),
                            "INVOICE",
                            event.invoiceId().value(),
                            line.position(),
                            event.accountId().value(),
                            line.product() == null ? "other" : line.product(),
                            line.kind() == InvoiceLine.Kind.USAGE ? "usage" : "subscription",
                            event.currency(),
                            month,
                            posting.apply(month),
                            amount,
                            "RECOGNIZE",
                            posting.apply(month).isBefore(billedIn)));
                }
            });
        }
        return rows;
    }

    /**
     * The invoice billed: receivable against deferred revenue, except the part recognised in earlier months while they
     * were open (before the invoice existed), which settles unbilled receivables ({@code earned}).
     */
    private Optional<Entry> billed(
            InvoiceFinalized event, Function<YearMonth, YearMonth> posting, long recognisedBefore) {
        if (event.totalMinor() == 0) {
            return Optional.empty();
        }
        long tax = event.lines().stream().mapToLong(l -> l.taxAmount().minor()).sum();
        String jurisdiction = event.lines().stream()
                .filter(l -> l.tax() != null && l.tax().jurisdiction() != null)
                .map(l -> l.tax().jurisdiction())
                .findFirst()
                .orElse(null);
        return Optional.of(new Entry(
                event.invoiceId().value(),
                "BILLED",
                event.accountId().value(),
                event.number(),
                event.currency(),
                event.totalMinor(),
                event.totalMinor() - tax - recognisedBefore,
                recognisedBefore,
                date(event.issuedAt()),
                posting.apply(YearMonth.from(event.issuedAt().atZone(settings.reportingZone()))),
                tax,
                jurisdiction));
    }

    private Optional<Entry> paidAtIssue(InvoiceFinalized event, Function<YearMonth, YearMonth> posting) {
        if (!event.paidAtIssue()) {
            return Optional.empty();
        }
        return paidEntry(
                event.invoiceId().value(),
                event.accountId().value(),
                event.number(),
                event.currency(),
                event.totalMinor(),
                event.issuedAt(),
                posting);
    }

    private Optional<Entry> paid(InvoicePaid event) {
        return paidEntry(
                event.invoiceId().value(),
                event.accountId().value(),
                event.number(),
                event.currency(),
                event.amountMinor(),
                event.paidAt(),
                month -> postingFor(event.accountId().value(), month));
    }

    private Optional<Entry> paidEntry(
            UUID invoiceId,
            UUID accountId,
            String number,
            String currency,
            long amount,
            Instant at,
            Function<YearMonth, YearMonth> posting) {
        if (amount == 0) {
            return Optional.empty();
        }
        return Optional.of(new Entry(
                invoiceId,
                "PAID",
                accountId,
                number,
                currency,
                amount,
                0,
                0,
                date(at),
                posting.apply(YearMonth.from(at.atZone(settings.reportingZone())))));
    }

    @ApplicationModuleListener
    void on(CreditNoteIssued event) {
        reverse(
                event.invoiceId().value(),
                event.creditNoteId(),
                "CREDIT_NOTE",
                "CREDITED",
                event.accountId().value(),
                event.number(),
                event.currency(),
                event.amountMinor(),
                event.issuedAt(),
                event.taxMinor(),
                event.taxJurisdiction());
    }

    @ApplicationModuleListener
    void on(InvoiceWrittenOff event) {
        reverse(
                event.invoiceId().value(),
                event.invoiceId().value(),
                "WRITE_OFF",
                "WRITTEN_OFF",
                event.accountId().value(),
                event.number(),
                event.currency(),
                event.amountMinor(),
                event.at(),
                event.taxMinor(),
                event.taxJurisdiction());
    }

    /**
     * Reverses {@code amount} of an invoice proportionally across its schedule. Months before the reversal's month were
     * already recognised: their share is reported as a refund in the current (or next open) month. Later months were
     * not: their share reduces what those months will recognise. Shares are rounded down and the leftover minor units
     * go to the rows with the largest remainders, so the shares add up to the amount exactly.
     */
    private void reverse(
            UUID invoiceId,
            UUID sourceId,
            String sourceKind,
            String entryKind,
            UUID accountId,
            String reference,
            String currency,
            long gross,
            Instant at,
            long tax,
            String taxJurisdiction) {
        if (repository.hasSchedule(sourceId) && !sourceId.equals(invoiceId)) {
            return;
        }
        List<ScheduleRow> rows = repository.invoiceSchedule(invoiceId);
        long total = rows.stream().mapToLong(ScheduleRow::amountMinor).sum();
        // The schedule holds revenue without tax: the tax within the amount goes back to tax payable instead.
        long amount = gross - tax;
        if (total == 0 || gross == 0) {
            return;
        }
        List<long[]> shares = new ArrayList<>();
        List<BigDecimal> fractions = new ArrayList<>();
        long allocated = 0;
        for (ScheduleRow row : rows) {
            BigDecimal exact = BigDecimal.valueOf(row.amountMinor())
                    .multiply(BigDecimal.valueOf(amount))
                    .divide(BigDecimal.valueOf(total), 12, java.math.RoundingMode.FLOOR);
            BigInteger floor = exact.setScale(0, java.math.RoundingMode.FLOOR).toBigInteger();
            shares.add(new long[] {floor.longValueExact()});
            fractions.add(exact.subtract(new BigDecimal(floor)));
            allocated += floor.longValueExact();
        }
        long leftover = amount - allocated;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            order.add(i);
        }
        order.sort(
                Comparator.comparing((Integer i) -> fractions.get(i)).reversed().thenComparing(i -> i));
        for (int i = 0; i < leftover && i < order.size(); i++) {
            shares.get(order.get(i))[0]++;
        }
        YearMonth current = YearMonth.from(at.atZone(settings.reportingZone()));
        List<ScheduleRow> reversal = new ArrayList<>();
        long earned = 0;
        for (int i = 0; i < rows.size(); i++) {
            ScheduleRow row = rows.get(i);
            long share = shares.get(i)[0];
            if (share == 0) {
                continue;
            }
            boolean recognised = row.serviceMonth().isBefore(current);
            if (recognised) {
                earned += share;
            }
            reversal.add(new ScheduleRow(
                    sourceId,
                    sourceKind,
                    invoiceId,
                    row.linePosition(),
                    accountId,
                    row.product(),
                    row.category(),
                    currency,
                    row.serviceMonth(),
                    postingFor(accountId, recognised ? current : row.serviceMonth()),
                    -share,
                    recognised ? "REFUND_EARNED" : "RECOGNIZE",
                    false));
        }
        Map<UUID, UUID> clocks = clocksOf(List.of(accountId));
        repository.insertSchedule(reversal, clocks);
        repository.insertEntries(
                List.of(new Entry(
                        sourceId,
                        entryKind,
                        accountId,
                        reference,
                        currency,
                        gross,
                        amount - earned,
                        earned,
                        date(at),
                        postingFor(accountId, YearMonth.from(at.atZone(settings.reportingZone()))),
                        tax,
                        taxJurisdiction)),
                clocks);
    }

    /**
     * Posts an amount that touches neither deferred nor earned revenue (a processor's fee), in the first open month
     * from when it happened; once per source and kind.
     */
    void postOutsideRevenue(
            UUID sourceId, String kind, UUID accountId, String reference, String currency, long amount, Instant at) {
        repository.insertEntries(
                List.of(new Entry(
                        sourceId,
                        kind,
                        accountId,
                        reference,
                        currency,
                        amount,
                        0,
                        0,
                        date(at),
                        postingFor(accountId, YearMonth.from(at.atZone(settings.reportingZone()))))),
                clocksOf(List.of(accountId)));
    }

    private LocalDate date(Instant at) {
        return at.atZone(settings.reportingZone()).toLocalDate();
    }

    /**
     * The month an amount of {@code month} is posted in: in the real books the first open month from it; a test clock's
     * accounts keep books of their own that are never closed (and never in the real exports), so their month is its own.
     */
    private YearMonth postingFor(UUID account, YearMonth month) {
        return testClocks.clockOf(new AccountId(account)).isPresent() ? month : periodRows.postingPeriod(month);
    }

    /** The test clock of each of these accounts that lives on one (remembered, so a batch costs one query at most). */
    private Map<UUID, UUID> clocksOf(Collection<UUID> accounts) {
        Map<UUID, UUID> clocks = new HashMap<>();
        testClocks
                .clocksOf(accounts.stream().distinct().map(AccountId::new).toList())
                .forEach((account, clock) -> clocks.put(account.value(), clock));
        return clocks;
    }
}
