package com.abacus.subscriptions.internal;

import com.abacus.shared.AccountId;
import com.abacus.subscriptions.SubscriptionStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Aggregates over real accounts' subscriptions for the console's dashboard and account filters. */
@Repository
public class SubscriptionMetricsRepository {

    private final JdbcClient jdbc;

    SubscriptionMetricsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, Long> monthlyRecurringRevenue() {
        Map<String, Long> mrr = new TreeMap<>();
        jdbc.sql("""
                        select s.currency,
                               sum(case when s.billing_interval = 'YEAR'
                                        then round((s.price_minor + coalesce(a.addons, 0)) / 12.0)
                                        else s.price_minor + coalesce(a.addons, 0) end)::bigint as mrr
                        from subscription s
                        left join (select subscription_id, sum(quantity * unit_price_minor) as addons
                                   from subscription_addon group by subscription_id) a on a.subscription_id = s.id
                        where s.status in ('ACTIVE', 'PAST_DUE') and s.test_clock_id is null
                        group by s.currency
                        """).query(rs -> {
            mrr.put(rs.getString("currency"), rs.getLong("mrr"));
        });
        return mrr;
    }

    public Map<String, Long> liveByPlan() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql("select plan_code, count(*) as n from subscription where status <> 'CANCELED'"
                        + " and test_clock_id is null group by plan_code")
                .query(rs -> {
                    counts.put(rs.getString("plan_code"), rs.getLong("n"));
                });
        return counts;
    }

    public long startedBetween(Instant from, Instant to) {
        return count("created_at", from, to);
    }

    public long canceledBetween(Instant from, Instant to) {
        return count("canceled_at", from, to);
    }

    private long count(String column, Instant from, Instant to) {
        return jdbc.sql("select count(*) from subscription where test_clock_id is null and " + column + " >= :from and "
                        + column + " < :to")
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query(Long.class)
                .single();
    }

    public Set<AccountId> accountsWith(@Nullable SubscriptionStatus status, @Nullable String plan, int limit) {
        Set<AccountId> accounts = new LinkedHashSet<>();
        jdbc.sql(
                        "select distinct account_id from subscription where (cast(:status as text) is null or status = :status)"
                                + " and (cast(:plan as text) is null or plan_code = :plan) limit :limit")
                .param("status", status == null ? null : status.name())
                .param("plan", plan)
                .param("limit", limit)
                .query(rs -> {
                    accounts.add(new AccountId(rs.getObject("account_id", UUID.class)));
                });
        return accounts;
    }
}
