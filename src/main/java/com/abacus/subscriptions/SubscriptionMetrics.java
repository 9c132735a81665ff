package com.abacus.subscriptions;

import com.abacus.shared.AccountId;
import com.abacus.subscriptions.internal.SubscriptionMetricsRepository;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The console's figures over real accounts' subscriptions (test clock accounts are left out): monthly recurring
 * revenue per currency, live subscriptions per plan, starts and cancellations in a period, and the accounts a list
 * filter matches. MRR rule: a live paying subscription (active or past due; not trialing) counts its plan and add-on
 * prices per month; a yearly price counts one twelfth, rounded half-up to the minor unit, per subscription.
 */
@Service
public class SubscriptionMetrics {

    /** A list filter matching more accounts than this asks for a narrower filter. */
    public static final int MAX_FILTERED_ACCOUNTS = 10_000;

    private final SubscriptionMetricsRepository metrics;

    SubscriptionMetrics(SubscriptionMetricsRepository metrics) {
        this.metrics = metrics;
    }

    /** Currency → MRR in minor units. */
    public Map<String, Long> monthlyRecurringRevenue() {
        return metrics.monthlyRecurringRevenue();
    }

    /** Plan code → live (not canceled) subscriptions. */
    public Map<String, Long> liveByPlan() {
        return metrics.liveByPlan();
    }

    public long startedBetween(Instant from, Instant to) {
        return metrics.startedBetween(from, to);
    }

    public long canceledBetween(Instant from, Instant to) {
        return metrics.canceledBetween(from, to);
    }

    /**
     * Accounts with a subscription in this status and/or on this plan (null: any), at most {@link
     * #MAX_FILTERED_ACCOUNTS} + 1, so a caller can tell the filter was too wide.
     */
    public Set<AccountId> accountsWith(@Nullable SubscriptionStatus status, @Nullable String plan) {
        return metrics.accountsWith(status, plan, MAX_FILTERED_ACCOUNTS + 1);
    }
}
