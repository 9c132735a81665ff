package com.abacus.subscriptions.internal;

import com.abacus.catalog.BillingInterval;
import com.abacus.subscriptions.BillingPeriod;
import com.abacus.subscriptions.Subscription;
import com.abacus.subscriptions.SubscriptionId;
import com.abacus.subscriptions.SubscriptionStatus;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The lifecycle's writes, one named transition each; which transitions are allowed is SubscriptionStatus's table. */
@Repository
public class SubscriptionTransitions {

    private final JdbcClient jdbc;

    SubscriptionTransitions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void updatePlan(
            SubscriptionId id,
            String planCode,
            int version,
            BillingInterval interval,
            long priceMinor,
            Instant anchor,
            int periodIndex,
            BillingPeriod period,
            Instant now) {
        jdbc.sql("""
                        update subscription set plan_code = :plan, catalog_version = :version, billing_interval = :interval,
                            price_minor = :price, anchor_at = :anchor, period_index = :periodIndex, current_period_start = :start,
                            current_period_end = :end, scheduled_plan_code = null, scheduled_catalog_version = null,
                            scheduled_price_minor = null, updated_at = :now
                        where id = :id
                        """)
                .param("plan", planCode)
                .param("version", version)
                .param("interval", interval.name())
                .param("price", priceMinor)
                .param("anchor", Timestamp.from(anchor))
                .param("periodIndex", periodIndex)
                .param("start", Timestamp.from(period.start()))
                .param("end", Timestamp.from(period.end()))
                .param("now", Timestamp.from(now))
                .param("id", id.value())
                .update();
    }

    public void schedule(SubscriptionId id, String planCode, int version, long priceMinor, Instant now) {
        jdbc.sql("""
                        update subscription set scheduled_plan_code = :plan, scheduled_catalog_version = :version,
                            scheduled_price_minor = :price, cancel_at_period_end = false, updated_at = :now where id = :id
                        """)
                .param("plan", planCode)
                .param("version", version)
                .param("price", priceMinor)
                .param("now", Timestamp.from(now))
                .param("id", id.value())
                .update();
    }

    public void scheduleCancel(SubscriptionId id, Instant now) {
        jdbc.sql("""
                        update subscription set cancel_at_period_end = true, scheduled_plan_code = null,
                            scheduled_catalog_version = null, scheduled_price_minor = null, updated_at = :now where id = :id
                        """).param("now", Timestamp.from(now)).param("id", id.value()).update();
    }

    public void clearSchedule(SubscriptionId id, Instant now) {
        jdbc.sql("""
                        update subscription set cancel_at_period_end = false, scheduled_plan_code = null,
                            scheduled_catalog_version = null, scheduled_price_minor = null, updated_at = :now where id = :id
                        """).param("now", Timestamp.from(now)).param("id", id.value()).update();
    }

    /** Dunning retries a failed charge: past due since {@code since}. */
    public void markPastDue(SubscriptionId id, Instant since) {
        status(id, SubscriptionStatus.PAST_DUE, since, null, null, since);
    }

    /** Paid again: active, no longer past due. */
    public void reactivate(SubscriptionId id, Instant now) {
        status(id, SubscriptionStatus.ACTIVE, null, null, null, now);
    }

    /** Ended at {@code at} for {@code reason}; how long it had been past due stays recorded. */
    public void cancel(Subscription subscription, Instant at, String reason, Instant now) {
        status(subscription.id(), SubscriptionStatus.CANCELED, subscription.pastDueSince(), at, reason, now);
    }

    public void trialConverted(SubscriptionId id, Instant anchor, BillingPeriod period, Instant now) {
        jdbc.sql("""
                        update subscription set status = 'ACTIVE', anchor_at = :anchor, period_index = 0,
                            current_period_start = :start, current_period_end = :end, updated_at = :now where id = :id
                        """)
                .param("anchor", Timestamp.from(anchor))
                .param("start", Timestamp.from(period.start()))
                .param("end", Timestamp.from(period.end()))
                .param("now", Timestamp.from(now))
                .param("id", id.value())
                .update();
    }

    private void status(
            SubscriptionId id,
            SubscriptionStatus status,
            Instant pastDueSince,
            Instant canceledAt,
            String reason,
            Instant now) {
        jdbc.sql("""
                        update subscription set status = :status, past_due_since = :pastDue, canceled_at = :canceledAt,
                            cancel_reason = coalesce(:reason, cancel_reason), updated_at = :now where id = :id
                        """)
                .param("status", status.name())
                .param("pastDue", pastDueSince == null ? null : Timestamp.from(pastDueSince))
                .param("canceledAt", canceledAt == null ? null : Timestamp.from(canceledAt))
                .param("reason", reason)
                .param("now", Timestamp.from(now))
                .param("id", id.value())
                .update();
    }
}
