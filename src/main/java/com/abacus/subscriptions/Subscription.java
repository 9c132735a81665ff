package com.abacus.subscriptions;

import com.abacus.catalog.BillingInterval;
import com.abacus.shared.AccountId;
import com.abacus.shared.Money;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A customer's subscription to one product. {@code price} is locked when bought (catalog version or enterprise
 * contract) and stays until the plan changes or staff migrate the subscription to a newer catalog version. {@code
 * discount} is its coupon, if it has one.
 */
public record Subscription(
        SubscriptionId id,
        AccountId accountId,
        String product,
        String planCode,
        int catalogVersion,
        BillingInterval interval,
        Money price,
        List<AddOnLine> addOns,
        SubscriptionStatus status,
        ZoneId timeZone,
        Instant anchor,
        int periodIndex,
        BillingPeriod currentPeriod,
        Instant trialEnd,
        boolean cancelAtPeriodEnd,
        ScheduledChange scheduledChange,
        Instant pastDueSince,
        Instant canceledAt,
        String cancelReason,
        Instant createdAt,
        @Nullable SubscriptionDiscount discount) {

    public record AddOnLine(String code, int quantity, Money unitPrice) {

        public Money amount() {
            return unitPrice.times(quantity);
        }
    }

    /** A plan change waiting for the end of the period. */
    public record ScheduledChange(String planCode, int catalogVersion, Money price, Instant effectiveAt) {}

    public Optional<ScheduledChange> pendingChange() {
        return Optional.ofNullable(scheduledChange);
    }

    /** What one period costs: plan plus add-ons. */
    public Money periodAmount() {
        Money total = price;
        for (AddOnLine addOn : addOns) {
            total = total.plus(addOn.amount());
        }
        return total;
    }

    /**
     * A subscription as it starts: trialing until {@code trialEnd} when the command asks for a trial, else active in its
     * first period; nothing scheduled, nothing canceled.
     */
    static Subscription started(
            StartSubscription command,
            BillingPeriod period,
            Instant trialEnd,
            Instant now,
            @Nullable SubscriptionDiscount discount) {
        return new Subscription(
                command.id(),
                command.accountId(),
                command.plan().product(),
                command.plan().code(),
                command.catalogVersion(),
                command.plan().interval(),
                command.price(),
                List.copyOf(command.addOns()),
                command.trial() ? SubscriptionStatus.TRIALING : SubscriptionStatus.ACTIVE,
                command.timeZone(),
                now,
                0,
                period,
                trialEnd,
                false,
                null,
                null,
                null,
                null,
                now,
                discount);
    }

    /** This subscription with these add-ons (as read back from their own rows). */
    public Subscription withAddOns(List<AddOnLine> lines) {
        return new Subscription(
                id,
                accountId,
                product,
                planCode,
                catalogVersion,
                interval,
                price,
                List.copyOf(lines),
                status,
                timeZone,
                anchor,
                periodIndex,
                currentPeriod,
                trialEnd,
                cancelAtPeriodEnd,
                scheduledChange,
                pastDueSince,
                canceledAt,
                cancelReason,
                createdAt,
                discount);
    }

    /** This subscription in its next period: same plan, price and add-ons. */
    public Subscription renewedTo(int index, BillingPeriod period) {
        return new Subscription(
                id,
                accountId,
                product,
                planCode,
                catalogVersion,
                interval,
                price,
                addOns,
                status,
                timeZone,
                anchor,
                index,
                period,
                trialEnd,
                cancelAtPeriodEnd,
                scheduledChange,
                pastDueSince,
                canceledAt,
                cancelReason,
                createdAt,
                discount);
    }

    public List<ChargeLine> periodLines(BillingPeriod period) {
        var lines = new java.util.ArrayList<ChargeLine>();
        lines.add(new ChargeLine(
                ChargeLine.Kind.PLAN, planCode, planCode, 1, price, price, period.start(), period.end()));
        for (AddOnLine addOn : addOns) {
            lines.add(new ChargeLine(
                    ChargeLine.Kind.ADDON,
                    addOn.code(),
                    addOn.code(),
                    addOn.quantity(),
                    addOn.unitPrice(),
                    addOn.amount(),
                    period.start(),
                    period.end()));
        }
        return discount == null ? lines : discount.apply(lines);
    }

    /** This subscription with {@code discount} instead of the one it had (none for null). */
    public Subscription withDiscount(@Nullable SubscriptionDiscount discount) {
        return new Subscription(
                id,
                accountId,
                product,
                planCode,
                catalogVersion,
                interval,
                price,
                addOns,
                status,
                timeZone,
                anchor,
                periodIndex,
                currentPeriod,
                trialEnd,
                cancelAtPeriodEnd,
                scheduledChange,
                pastDueSince,
                canceledAt,
                cancelReason,
                createdAt,
                discount);
    }
}
