package com.abacus.contracts;

import com.abacus.contracts.ContractTerms.Item;
import com.abacus.shared.Money;
import com.abacus.shared.web.Formats;
import com.abacus.taxes.LineTax;
import com.abacus.taxes.TaxTreatment;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Every invoice a contract's fixed fees issue over its term: one each billing period (a month, a quarter or a year,
 * from the start date), billed upfront on its first day, each item at the monthly price in force in each of the
 * period's months (a ramp that changes mid-quarter bills the quarter's months at their own prices), quantity × price,
 * exact in minor units. At term end, if the fees came to less than the committed minimum, a true-up invoice bills the
 * shortfall (the preview assumes no usage: usage is billed monthly in arrears at the overage prices and counts toward
 * the minimum). Tax: each line as the account is taxed on the invoice's date, rounded per line.
 */
public final class ContractSchedule {

    private static final Formats FORMATS = new Formats();

    private ContractSchedule() {}

    /** One invoice of the schedule; {@code periodEnd} is the period's last day. */
    public record ScheduledInvoice(
            LocalDate date,
            LocalDate periodStart,
            LocalDate periodEnd,
            List<Line> lines,
            Money subtotal,
            Money tax,
            Money total) {}

    /** {@code amount} as priced (with tax in it when {@code taxInclusive}); {@code tax} rounded on the line. */
    public record Line(
            String kind, String code, String description, int quantity, Money amount, Money tax, boolean taxInclusive) {

        Money net() {
            return taxInclusive ? amount.minus(tax) : amount;
        }

        Money gross() {
            return taxInclusive ? amount : amount.plus(tax);
        }
    }

    /** {@code taxOn}: how the account is taxed on a day (the tax rules in force that day). */
    public static List<ScheduledInvoice> of(ContractTerms terms, Function<LocalDate, TaxTreatment> taxOn) {
        List<ScheduledInvoice> invoices = new ArrayList<>();
        Money zero = Money.zero(Money.currency(terms.currency()));
        Money fees = zero;
        int step = terms.billing().months();
        for (int first = 1; first <= terms.termMonths(); first += step) {
            int last = Math.min(first + step - 1, terms.termMonths());
            LocalDate start = terms.startDate().plusMonths(first - 1);
            LocalDate end = terms.startDate().plusMonths(last);
            TaxTreatment treatment = taxOn.apply(start);
            List<Line> lines = new ArrayList<>();
            for (Item item : terms.items()) {
                Money amount = zero;
                for (int month = first; month <= last; month++) {
                    amount = amount.plus(item.monthlyAt(month).times(item.quantity()));
                }
                lines.add(line(
                        item.kind().name().toLowerCase(java.util.Locale.ROOT),
                        item.code(),
                        describe(item, first, last),
                        item.quantity(),
                        amount,
                        treatment));
            }
            ScheduledInvoice invoice = invoice(start, start, end.minusDays(1), lines, zero);
            fees = fees.plus(invoice.lines().stream().map(Line::amount).reduce(zero, Money::plus));
            invoices.add(invoice);
        }
        if (terms.commitment() != null && terms.commitment().compareTo(fees) > 0) {
            LocalDate end = terms.endDate();
            Money shortfall = terms.commitment().minus(fees);
            Line trueUp = line(
                    "true_up",
                    "commitment",
                    "Commitment true-up: the committed " + FORMATS.price(terms.commitment()) + " less the "
                            + FORMATS.price(fees) + " of fees billed (usage billed counts toward it)",
                    1,
                    shortfall,
                    taxOn.apply(end));
            invoices.add(invoice(end, terms.startDate(), end.minusDays(1), List.of(trueUp), zero));
        }
        return List.copyOf(invoices);
    }

    private static String describe(Item item, int first, int last) {
        String months = first == last ? "month " + first : "months " + first + "–" + last;
        return item.name() + (item.quantity() > 1 ? " × " + item.quantity() : "") + ", " + months;
    }

    private static Line line(
            String kind, String code, String description, int quantity, Money amount, TaxTreatment treatment) {
        LineTax tax = treatment.assess(amount);
        return new Line(kind, code, description, quantity, amount, tax.tax(), tax.inclusive());
    }

    private static ScheduledInvoice invoice(
            LocalDate date, LocalDate start, LocalDate lastDay, List<Line> lines, Money zero) {
        Money subtotal = lines.stream().map(Line::net).reduce(zero, Money::plus);
        Money tax = lines.stream().map(Line::tax).reduce(zero, Money::plus);
        Money total = lines.stream().map(Line::gross).reduce(zero, Money::plus);
        return new ScheduledInvoice(date, start, lastDay, List.copyOf(lines), subtotal, tax, total);
    }
}
