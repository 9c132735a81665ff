package com.abacus.subscriptions;

import com.abacus.catalog.ChangeTiming;
import com.abacus.shared.Money;
import java.time.Instant;
import java.util.List;

/**
 * What a plan change would do, shown to the customer before they confirm: when it takes effect and, for a change now,
 * the proration lines and the amount charged today.
 */
public record PlanChangeQuote(
        SubscriptionId subscriptionId,
        String fromPlan,
        String toPlan,
        Direction direction,
        ChangeTiming timing,
        Instant effectiveAt,
        List<ChargeLine> prorationLines,
        Money amountDueNow,
        long unusedDays,
        long periodDays) {

    public enum Direction {
        UPGRADE,
        DOWNGRADE,
        CANCEL
    }
}
