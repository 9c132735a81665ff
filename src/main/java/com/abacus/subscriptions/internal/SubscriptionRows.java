package com.abacus.subscriptions.internal;

import com.abacus.catalog.BillingInterval;
import com.abacus.shared.AccountId;
import com.abacus.shared.Money;
import com.abacus.subscriptions.BillingPeriod;
import com.abacus.subscriptions.DiscountTerms;
import com.abacus.subscriptions.Subscription;
import com.abacus.subscriptions.Subscription.AddOnLine;
import com.abacus.subscriptions.Subscription.ScheduledChange;
import com.abacus.subscriptions.SubscriptionDiscount;
import com.abacus.subscriptions.SubscriptionId;
import com.abacus.subscriptions.SubscriptionStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** How a subscription row (with its add-on rows) reads back as a {@link Subscription}. */
final class SubscriptionRows {

    private SubscriptionRows() {}

    static Subscription subscription(ResultSet rs, List<AddOnLine> addOns) throws SQLException {
        String currency = rs.getString("currency");
        SubscriptionId id = new SubscriptionId(rs.getObject("id", UUID.class));
        ZoneId zone = ZoneId.of(rs.getString("time_zone"));
        String scheduledPlan = rs.getString("scheduled_plan_code");
        Instant periodEnd = rs.getTimestamp("current_period_end").toInstant();
        return new Subscription(
                id,
                new AccountId(rs.getObject("account_id", UUID.class)),
                rs.getString("product"),
                rs.getString("plan_code"),
                rs.getInt("catalog_version"),
                BillingInterval.valueOf(rs.getString("billing_interval")),
                Money.ofMinor(rs.getLong("price_minor"), currency),
                addOns,
                SubscriptionStatus.valueOf(rs.getString("status")),
                zone,
                rs.getTimestamp("anchor_at").toInstant(),
                rs.getInt("period_index"),
                new BillingPeriod(rs.getTimestamp("current_period_start").toInstant(), periodEnd, zone),
                instant(rs, "trial_end"),
                rs.getBoolean("cancel_at_period_end"),
                scheduledPlan == null
                        ? null
                        : new ScheduledChange(
                                scheduledPlan,
                                rs.getInt("scheduled_catalog_version"),
                                Money.ofMinor(rs.getLong("scheduled_price_minor"), currency),
                                periodEnd),
                instant(rs, "past_due_since"),
                instant(rs, "canceled_at"),
                rs.getString("cancel_reason"),
                rs.getTimestamp("created_at").toInstant(),
                discount(rs, currency));
    }

    private static @Nullable SubscriptionDiscount discount(ResultSet rs, String currency) throws SQLException {
        String coupon = rs.getString("discount_coupon");
        if (coupon == null) {
            return null;
        }
        long amountOff = rs.getLong("discount_amount_off_minor");
        Money amount = rs.wasNull() ? null : Money.ofMinor(amountOff, currency);
        String appliesTo = rs.getString("discount_applies_to");
        DiscountTerms terms = new DiscountTerms(
                coupon,
                rs.getString("discount_description"),
                rs.getBigDecimal("discount_percent_off"),
                amount,
                appliesTo == null || appliesTo.isEmpty() ? List.of() : List.of(appliesTo.split(",")),
                DiscountTerms.Duration.valueOf(rs.getString("discount_duration")),
                rs.getInt("discount_periods"));
        return new SubscriptionDiscount(terms, instant(rs, "discount_starts_at"), instant(rs, "discount_ends_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
