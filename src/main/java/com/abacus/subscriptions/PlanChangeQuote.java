package com.abacus.subscriptions;

import com.abacus.catalog.ChangeTiming;
import com.abacus.shared.Money;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a plan change would do, shown to the customer before they confirm: when it takes effect and, for a change now,
 * the proration lines and the amount charged today. {@code amountDueNow} includes {@code tax}, the tax of the proration
 * lines as the account is taxed today (rounded per line, as their invoice will be).
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
        long periodDays,
        @Nullable Money tax) {

    /** What is due today before tax. */
    public Money subtotal() {
        return tax == null ? amountDueNow : amountDueNow.minus(tax);
    }

    public enum Direction {
        UPGRADE,
        DOWNGRADE,
        CANCEL
    }
}
