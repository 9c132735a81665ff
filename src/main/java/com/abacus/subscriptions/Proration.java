package com.abacus.subscriptions;

import com.abacus.shared.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Proration by day in the account's time zone. Rule: the day of the change belongs to the new plan, so the unused days
 * are those from the change date (inclusive) to the period's end date (exclusive). The old plan is credited and the
 * new plan charged for those days, each amount rounded half-up to the minor unit on its own (they are two invoice
 * lines, and every invoice line is rounded once, by itself: ARCHITECTURE.md, "Money"):
 *
 * <pre>
 *   credit = −old price × unused days / days in period
 *   charge =  new price × unused days / days in period
 * </pre>
 *
 * When the billing interval changes (monthly to annual), the unused part of the old period is credited and a whole new
 * period is charged from the change date on.
 */
public final class Proration {

    private Proration() {}

    public record Result(
            List<ChargeLine> lines, long unusedDays, long periodDays, Money amountDue, Instant newPeriodStart) {}

    public static Result sameInterval(
            BillingPeriod period, Instant changeAt, String oldPlan, Money oldPrice, String newPlan, Money newPrice) {
        long total = period.days();
        long unused = unusedDays(period, changeAt);
        Money credit = oldPrice.fraction(unused, total).negate();
        Money charge = newPrice.fraction(unused, total);
        Instant from = changeDayStart(period, changeAt);
        List<ChargeLine> lines = List.of(
                new ChargeLine(
                        ChargeLine.Kind.PRORATION_CREDIT,
                        oldPlan,
                        "Unused time on " + oldPlan + " (" + unused + " of " + total + " days)",
                        1,
                        credit,
                        credit,
                        from,
                        period.end()),
                new ChargeLine(
                        ChargeLine.Kind.PRORATION_CHARGE,
                        newPlan,
                        "Remaining time on " + newPlan + " (" + unused + " of " + total + " days)",
                        1,
                        charge,
                        charge,
                        from,
                        period.end()));
        return new Result(lines, unused, total, charge.plus(credit).max(Money.zero(charge.currency())), null);
    }

    public static Result newInterval(
            BillingPeriod oldPeriod,
            Instant changeAt,
            String oldPlan,
            Money oldPrice,
            BillingPeriod newPeriod,
            String newPlan,
            Money newPrice) {
        long total = oldPeriod.days();
        long unused = unusedDays(oldPeriod, changeAt);
        Money credit = oldPrice.fraction(unused, total).negate();
        List<ChargeLine> lines = List.of(
                new ChargeLine(
                        ChargeLine.Kind.PRORATION_CREDIT,
                        oldPlan,
                        "Unused time on " + oldPlan + " (" + unused + " of " + total + " days)",
                        1,
                        credit,
                        credit,
                        changeDayStart(oldPeriod, changeAt),
                        oldPeriod.end()),
                new ChargeLine(
                        ChargeLine.Kind.PLAN,
                        newPlan,
                        newPlan,
                        1,
                        newPrice,
                        newPrice,
                        newPeriod.start(),
                        newPeriod.end()));
        return new Result(
                lines, unused, total, newPrice.plus(credit).max(Money.zero(newPrice.currency())), newPeriod.start());
    }

    static long unusedDays(BillingPeriod period, Instant changeAt) {
        LocalDate changeDate = changeAt.atZone(period.zone()).toLocalDate();
        long unused = ChronoUnit.DAYS.between(changeDate, period.endDate());
        return Math.max(0, Math.min(unused, period.days()));
    }

    private static Instant changeDayStart(BillingPeriod period, Instant changeAt) {
        Instant dayStart = changeAt.atZone(period.zone())
                .toLocalDate()
                .atStartOfDay(period.zone())
                .toInstant();
        return dayStart.isBefore(period.start()) ? period.start() : dayStart;
    }
}
