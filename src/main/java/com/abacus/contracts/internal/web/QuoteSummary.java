package com.abacus.contracts.internal.web;

import com.abacus.catalog.CatalogVersion;
import com.abacus.catalog.UsageCharge;
import com.abacus.contracts.ContractSchedule.ScheduledInvoice;
import com.abacus.contracts.ContractTerms;
import com.abacus.contracts.Quote;
import com.abacus.shared.web.Formats;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A quote as the customer reads it, on its page and in its PDF: names, prices in major units with their symbol, the
 * account's calendar days, and every invoice of the schedule.
 */
record QuoteSummary(
        String number,
        String status,
        String expires,
        String start,
        String end,
        String term,
        String billing,
        String payment,
        String renewal,
        List<ItemText> items,
        List<String> usage,
        String commitment,
        List<ScheduleRow> schedule) {

    private static final Formats FORMATS = new Formats();

    record ItemText(String name, int quantity, List<String> prices) {}

    record ScheduleRow(
            String date, String period, String description, String shownNet, String shownTax, String shownTotal) {}

    static QuoteSummary of(
            Quote quote, List<ScheduledInvoice> schedule, CatalogVersion catalog, ZoneId zone, Instant now) {
        ContractTerms t = quote.terms();
        List<ItemText> items = new ArrayList<>();
        for (ContractTerms.Item item : t.items()) {
            List<String> prices = new ArrayList<>();
            for (int i = 0; i < item.prices().size(); i++) {
                var price = item.prices().get(i);
                int last =
                        i + 1 < item.prices().size() ? item.prices().get(i + 1).fromMonth() - 1 : t.termMonths();
                String months =
                        price.fromMonth() == last ? "Month " + last : "Months " + price.fromMonth() + "–" + last;
                prices.add(months + ": " + FORMATS.price(price.monthly()) + " a month"
                        + (item.quantity() > 1 ? " each" : ""));
            }
            items.add(new ItemText(item.name(), item.quantity(), prices));
        }
        List<String> usage = new ArrayList<>();
        NumberFormat count = NumberFormat.getIntegerInstance(Locale.US);
        for (ContractTerms.UsageTerm u : t.usage()) {
            UsageCharge charge = t.items().stream()
                    .flatMap(i -> catalog.usageChargeForMetric(i.code(), u.metric()).stream())
                    .findFirst()
                    .orElse(null);
            String name = charge == null ? u.metric() : charge.name();
            String per =
                    charge == null || charge.packageSize() == 1 ? "each" : "per " + count.format(charge.packageSize());
            String text = name + ": " + count.format(u.includedPerMonth()) + " included each month, then "
                    + FORMATS.price(u.overagePrice()) + " " + per;
            if (u.cap() != null) {
                text += u.cap().type() == ContractTerms.CapType.HARD
                        ? "; stops at " + count.format(u.cap().quantity()) + " a month"
                        : "; you are told at 80% and 100% of "
                                + count.format(u.cap().quantity()) + " a month";
            }
            usage.add(text);
        }
        List<ScheduleRow> rows = new ArrayList<>();
        for (ScheduledInvoice invoice : schedule) {
            rows.add(new ScheduleRow(
                    day(invoice.date(), zone),
                    day(invoice.periodStart(), zone) + " – " + day(invoice.periodEnd(), zone),
                    invoice.lines().stream().anyMatch(l -> l.kind().equals("true_up"))
                            ? "Commitment true-up, if usage adds nothing"
                            : "Fees, in advance",
                    FORMATS.price(invoice.subtotal()),
                    FORMATS.price(invoice.tax()),
                    FORMATS.price(invoice.total())));
        }
        return new QuoteSummary(
                quote.number(),
                quote.statusAt(now).name().toLowerCase(Locale.ROOT),
                FORMATS.date(quote.expiresAt(), zone),
                day(t.startDate(), zone),
                day(t.endDate().minusDays(1), zone),
                t.termMonths() + " months",
                switch (t.billing()) {
                            case MONTHLY -> "Monthly, in advance";
                            case QUARTERLY -> "Quarterly, in advance";
                            case ANNUAL -> "Yearly, in advance";
                        }
                        + "; usage monthly in arrears",
                t.paymentTerms() == ContractTerms.PaymentTerms.CARD
                        ? "Card, charged on each invoice's date"
                        : "Bank transfer within " + t.paymentTerms().days() + " days of each invoice",
                t.autoRenew() ? "Renews at the end of the term" : "Ends at the end of the term",
                items,
                usage,
                t.commitment() == null ? "" : FORMATS.price(t.commitment()) + " over the term",
                rows);
    }

    private static String day(LocalDate date, ZoneId zone) {
        return FORMATS.date(date.atStartOfDay(zone).toInstant(), zone);
    }
}
