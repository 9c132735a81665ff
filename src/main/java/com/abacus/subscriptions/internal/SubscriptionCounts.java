package com.abacus.subscriptions.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Counts over live subscriptions, for the catalog diff and the invoice run's progress. */
@Repository
public class SubscriptionCounts {

    private final JdbcClient jdbc;

    SubscriptionCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long countDueForRenewal(Instant asOf) {
        return jdbc.sql(
                        "select count(*) from subscription where status in ('ACTIVE', 'TRIALING') and current_period_end <= :asOf")
                .param("asOf", Timestamp.from(asOf))
                .query(Long.class)
                .single();
    }

    /** Live subscriptions per plan and catalog version, for the catalog diff. */
    public Map<String, Long> liveCountByPlan() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("select plan_code, count(*) as n from subscription where status <> 'CANCELED' group by plan_code")
                .query(rs -> {
                    counts.put(rs.getString("plan_code"), rs.getLong("n"));
                });
        return counts;
    }

    public Map<String, Long> liveCountByPlanAndCurrency() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql(
                        "select plan_code, currency, count(*) as n from subscription where status <> 'CANCELED' group by plan_code, currency")
                .query(rs -> {
                    counts.put(rs.getString("plan_code") + "/" + rs.getString("currency"), rs.getLong("n"));
                });
        return counts;
    }
}
