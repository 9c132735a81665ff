package com.abacus.subscriptions;

import com.abacus.shared.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A coupon as one subscription gets it: {@code percentOff} (0 < p ≤ 100) or {@code amountOff} in the subscription's
 * currency, the codes it is limited to (plans and add-ons; empty for everything the subscription buys), and how long it
 * lasts: {@code ONCE} (the first period it applies to), {@code REPEATING} {@code periods} periods, or {@code FOREVER}.
 */
public record DiscountTerms(
        String coupon,
        String description,
        @Nullable BigDecimal percentOff,
        @Nullable Money amountOff,
        List<String> appliesTo,
        Duration duration,
        int periods) {

    public enum Duration {
        ONCE,
        REPEATING,
        FOREVER
    }

    public DiscountTerms {
        if ((percentOff == null) == (amountOff == null)) {
            throw new IllegalArgumentException("a discount is a percentage or an amount, not both");
        }
        appliesTo = List.copyOf(appliesTo);
    }

    /** How long it lasts, as a customer reads it: "on the first invoice", "on the first 3 invoices", "on every invoice". */
    public String durationInWords() {
        return switch (duration) {
            case ONCE -> "on the first invoice";
            case REPEATING -> periods == 1 ? "on the first invoice" : "on the first " + periods + " invoices";
            case FOREVER -> "on every invoice";
        };
    }

    /** Whether the coupon can take anything off a subscription to {@code plan} with these add-ons. */
    public boolean appliesToAny(String plan, java.util.Collection<String> addOns) {
        return appliesTo.isEmpty()
                || appliesTo.contains(plan)
                || addOns.stream().anyMatch(appliesTo::contains);
    }

    /**
     * The discount on a subscription's calendar ({@code anchor}, {@code zone}, months per period), from period {@code
     * firstIndex} on: it ends with the last period its duration covers (never, for FOREVER), as an instant, so a later
     * change of plan or interval does not stretch or shorten it.
     */
    public SubscriptionDiscount startingAt(Instant anchor, ZoneId zone, int monthsPerPeriod, int firstIndex) {
        Instant starts =
                BillingPeriods.period(anchor, zone, monthsPerPeriod, firstIndex).start();
        Instant ends = switch (duration) {
            case ONCE ->
                BillingPeriods.period(anchor, zone, monthsPerPeriod, firstIndex).end();
            case REPEATING ->
                BillingPeriods.period(anchor, zone, monthsPerPeriod, firstIndex + periods - 1)
                        .end();
            case FOREVER -> null;
        };
        return new SubscriptionDiscount(this, starts, ends);
    }
}
