package com.abacus.subscriptions;

import com.abacus.shared.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The coupon a subscription has (one at most: a new one replaces it), for the lines whose service starts in [{@code
 * startsAt}, {@code endsAt}); {@code endsAt} null is forever.
 *
 * <p>Each line it reduces is followed by its own DISCOUNT line (negative, with the same service period, so revenue is
 * recognised net of it and tax is charged on what is left). Rounding, like every invoice line: once per line, half-up at
 * the currency's scale.
 *
 * <ul>
 *   <li>Percent off: discount = −(line amount × percent ÷ 100) for each line it applies to; a proration credit (negative)
 *       gets a positive discount line, so the credit is net of the discount that period had.
 *   <li>Amount off: taken once per period from the lines it applies to, in order (plan first), never more than a line's
 *       amount; on prorated lines it is prorated by the same days (amount × unused ÷ days in the period).
 * </ul>
 */
public record SubscriptionDiscount(
        DiscountTerms terms, Instant startsAt, @Nullable Instant endsAt) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Whether a line whose service starts at {@code serviceStart} is discounted. */
    public boolean covers(Instant serviceStart) {
        return !serviceStart.isBefore(startsAt) && (endsAt == null || serviceStart.isBefore(endsAt));
    }

    /** The lines of a whole period with their discount lines. */
    public List<ChargeLine> apply(List<ChargeLine> lines) {
        return apply(lines, 1, 1);
    }

    /**
     * The lines with their discount lines; {@code unused}/{@code periodDays} is the fraction of the period the prorated
     * lines (PRORATION_CREDIT, PRORATION_CHARGE) are for.
     */
    public List<ChargeLine> apply(List<ChargeLine> lines, long unused, long periodDays) {
        List<ChargeLine> discounted = new ArrayList<>();
        Money chargeBudget = null;
        Money creditBudget = null;
        for (ChargeLine line : lines) {
            discounted.add(line);
            if (line.kind() == ChargeLine.Kind.DISCOUNT
                    || line.amount().isZero()
                    || !covers(line.serviceStart())
                    || !(terms.appliesTo().isEmpty() || terms.appliesTo().contains(line.code()))) {
                continue;
            }
            boolean prorated =
                    line.kind() == ChargeLine.Kind.PRORATION_CREDIT || line.kind() == ChargeLine.Kind.PRORATION_CHARGE;
            Money off;
            if (terms.percentOff() != null) {
                off = percentOf(line.amount());
            } else if (line.amount().isNegative()) {
                creditBudget = creditBudget != null ? creditBudget : budget(prorated, unused, periodDays);
                off = creditBudget.min(line.amount().negate()).negate();
                creditBudget = creditBudget.plus(off);
            } else {
                chargeBudget = chargeBudget != null ? chargeBudget : budget(prorated, unused, periodDays);
                off = chargeBudget.min(line.amount());
                chargeBudget = chargeBudget.minus(off);
            }
            if (!off.isZero()) {
                Money amount = off.negate();
                discounted.add(new ChargeLine(
                        ChargeLine.Kind.DISCOUNT,
                        terms.coupon(),
                        terms.description(),
                        1,
                        amount,
                        amount,
                        line.serviceStart(),
                        line.serviceEnd()));
            }
        }
        return List.copyOf(discounted);
    }

    /** The part of a line the percentage takes off, rounded half-up (away from zero, so a credit mirrors a charge). */
    private Money percentOf(Money amount) {
        BigDecimal off =
                amount.amount().multiply(terms.percentOff()).divide(HUNDRED, amount.scale(), RoundingMode.HALF_UP);
        return Money.of(off, amount.currency());
    }

    private Money budget(boolean prorated, long unused, long periodDays) {
        Money amountOff = terms.amountOff();
        return prorated ? amountOff.fraction(unused, periodDays) : amountOff;
    }
}
