package com.abacus.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import com.abacus.shared.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The discount lines a coupon adds, as a table: rounding per line, amounts off, proration, its duration. */
class SubscriptionDiscountTests {

    private static final Instant START = Instant.parse("2027-01-31T10:00:00Z");
    private static final Instant END = Instant.parse("2027-02-28T10:00:00Z");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @ParameterizedTest(name = "{1}% off {0} {2} is {3}")
    @CsvSource({
        // currency, percent, line, discount line: −(line × percent ÷ 100), half-up at the currency's scale
        "USD, 20, 50.00, -10.00",
        "USD, 20, 49.99, -10.00", // 9.998
        "USD, 15, 0.10, -0.02", // 0.015 rounds up
        "USD, 33.33, 20.00, -6.67", // 6.666
        "USD, 100, 50.00, -50.00",
        "EUR, 12.5, 47.00, -5.88", // 5.875
        "JPY, 15, 999, -150", // 149.85
        "JPY, 12.5, 3000, -375",
        "USD, 20, -25.00, 5.00", // a proration credit gets the discount back, mirrored
        "USD, 15, -0.10, 0.02",
    })
    void percentOffIsRoundedOncePerLineHalfUp(String currency, String percent, String line, String expected) {
        SubscriptionDiscount discount = percent(percent, List.of()).startingAt(START, NEW_YORK, 1, 0);
        Money amount = Money.parse(line, currency);
        List<ChargeLine> lines = discount.apply(List.of(charge(ChargeLine.Kind.PLAN, "pro", amount)));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1).kind()).isEqualTo(ChargeLine.Kind.DISCOUNT);
        assertThat(lines.get(1).amount()).isEqualTo(Money.parse(expected, currency));
        assertThat(lines.get(1).serviceStart()).isEqualTo(START);
        assertThat(lines.get(1).serviceEnd()).isEqualTo(END);
    }

    @Test
    void anAmountOffIsTakenOncePerPeriodPlanFirstAndNeverMoreThanALine() {
        DiscountTerms tenOff = amount("10.00", List.of());
        List<ChargeLine> lines = tenOff.startingAt(START, NEW_YORK, 1, 0)
                .apply(List.of(
                        charge(ChargeLine.Kind.PLAN, "starter", Money.parse("4.00", "USD")),
                        charge(ChargeLine.Kind.ADDON, "lb", Money.parse("20.00", "USD"))));
        assertThat(lines)
                .extracting(ChargeLine::kind)
                .containsExactly(
                        ChargeLine.Kind.PLAN,
                        ChargeLine.Kind.DISCOUNT,
                        ChargeLine.Kind.ADDON,
                        ChargeLine.Kind.DISCOUNT);
        assertThat(lines.get(1).amount()).isEqualTo(Money.parse("-4.00", "USD"));
        assertThat(lines.get(3).amount()).isEqualTo(Money.parse("-6.00", "USD"));
    }

    @Test
    void aCouponLimitedToAnAddOnLeavesThePlanAlone() {
        List<ChargeLine> lines = percent("50", List.of("lb"))
                .startingAt(START, NEW_YORK, 1, 0)
                .apply(List.of(
                        charge(ChargeLine.Kind.PLAN, "pro", Money.parse("50.00", "USD")),
                        charge(ChargeLine.Kind.ADDON, "lb", Money.parse("5.00", "USD"))));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(2).amount()).isEqualTo(Money.parse("-2.50", "USD"));
        assertThat(lines.get(2).description()).isEqualTo("TEST (off)");
    }

    @Test
    void proratedLinesGetTheDiscountForTheSameDays() {
        // 15 of 30 days: the credit of the old plan gives back half its 10.00 off, the new plan gets half of it.
        List<ChargeLine> lines = amount("10.00", List.of())
                .startingAt(START, NEW_YORK, 1, 0)
                .apply(
                        List.of(
                                charge(ChargeLine.Kind.PRORATION_CREDIT, "starter", Money.parse("-10.00", "USD")),
                                charge(ChargeLine.Kind.PRORATION_CHARGE, "pro", Money.parse("25.00", "USD"))),
                        15,
                        30);
        assertThat(lines)
                .extracting(l -> l.amount().toPlainString())
                .containsExactly("-10.00", "5.00", "25.00", "-5.00");
    }

    @Test
    void repeatingThreePeriodsCoversTheFirstThreePeriodsOfItsCalendarAndNoMore() {
        DiscountTerms terms = new DiscountTerms(
                "TEST", "TEST (20% off)", new BigDecimal("20"), null, List.of(), DiscountTerms.Duration.REPEATING, 3);
        SubscriptionDiscount discount = terms.startingAt(START, NEW_YORK, 1, 0);
        assertThat(discount.startsAt()).isEqualTo(START);
        // Anchored on the 31st in New York: the third period ends on 30 April, 09:00 UTC (daylight saving).
        assertThat(discount.endsAt()).isEqualTo(Instant.parse("2027-04-30T09:00:00Z"));
        assertThat(discount.covers(Instant.parse("2027-03-31T09:00:00Z"))).isTrue();
        assertThat(discount.covers(Instant.parse("2027-04-30T09:00:00Z"))).isFalse();
        assertThat(discount.covers(Instant.parse("2027-01-30T10:00:00Z"))).isFalse();
        SubscriptionDiscount once = new DiscountTerms(
                        "ONCE", "ONCE", new BigDecimal("20"), null, List.of(), DiscountTerms.Duration.ONCE, 0)
                .startingAt(START, NEW_YORK, 1, 0);
        assertThat(once.endsAt()).isEqualTo(END);
        SubscriptionDiscount forever = new DiscountTerms(
                        "EVER", "EVER", new BigDecimal("20"), null, List.of(), DiscountTerms.Duration.FOREVER, 0)
                .startingAt(START, NEW_YORK, 1, 0);
        assertThat(forever.endsAt()).isNull();
        assertThat(forever.covers(Instant.parse("2040-01-01T00:00:00Z"))).isTrue();
    }

    @Test
    void aLineOutsideTheDiscountsTimeGetsNoDiscountLine() {
        SubscriptionDiscount discount = percent("20", List.of()).startingAt(START, NEW_YORK, 1, 1);
        assertThat(discount.apply(List.of(charge(ChargeLine.Kind.PLAN, "pro", Money.parse("50.00", "USD")))))
                .hasSize(1);
    }

    private static DiscountTerms percent(String percent, List<String> appliesTo) {
        return new DiscountTerms(
                "TEST", "TEST (off)", new BigDecimal(percent), null, appliesTo, DiscountTerms.Duration.FOREVER, 0);
    }

    private static DiscountTerms amount(String amount, List<String> appliesTo) {
        return new DiscountTerms(
                "TEST", "TEST (off)", null, Money.parse(amount, "USD"), appliesTo, DiscountTerms.Duration.FOREVER, 0);
    }

    private static ChargeLine charge(ChargeLine.Kind kind, String code, Money amount) {
        return new ChargeLine(kind, code, code, 1, amount, amount, START, END);
    }
}
