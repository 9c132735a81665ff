package com.abacus.subscriptions.internal;

import com.abacus.shared.AccountId;
import com.abacus.shared.SimulatedTime;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Counts over live subscriptions, for the catalog diff and the invoice run's progress. */
@Repository
public class SubscriptionCounts {

    private final JdbcClient jdbc;

    SubscriptionCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Which of these accounts have ever had a subscription, in one query. */
    public Set<AccountId> accountsWithSubscriptions(Collection<AccountId> accounts) {
        return new HashSet<>(jdbc.sql(
                        "select distinct account_id from subscription where account_id = any(cast(:accounts as uuid[]))")
                .param(
                        "accounts",
                        accounts.stream()
                                .map(AccountId::toString)
                                .collect(java.util.stream.Collectors.joining(",", "{", "}")))
                .query((rs, n) -> new AccountId(rs.getObject("account_id", UUID.class)))
                .list());
    }

    /** Due subscriptions of this thread's time (real accounts, or one test clock's during its advance). */
    public long countDueForRenewal(Instant asOf) {
        SimulatedTime.Scope scope = SimulatedTime.scope();
        return jdbc.sql(
                        "select count(*) from subscription where status in ('ACTIVE', 'TRIALING') and current_period_end <= :asOf and "
                                + scope.condition("test_clock_id"))
                .param("asOf", Timestamp.from(asOf))
                .param("testClock", scope.testClockId())
                .query(Long.class)
                .single();
    }

    /** When the next subscription of a test clock's accounts comes due (its period ends); empty when none is live. */
    public Optional<Instant> nextDueOnClock(UUID testClockId, Instant after) {
        return Optional.ofNullable(jdbc.sql("""
                        select min(current_period_end) from subscription
                        where test_clock_id = :clock and status in ('ACTIVE', 'TRIALING') and current_period_end > :after
                        """)
                .param("clock", testClockId)
                .param("after", Timestamp.from(after))
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant)
                .orElse(null));
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
