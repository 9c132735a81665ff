package com.abacus.invoicing.internal;

import com.abacus.shared.AccountId;
import com.abacus.shared.SimulatedTime;
import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class UsageRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    UsageRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    public record Row(UUID accountId, String eventId, String metric, long quantity, Instant occurredAt) {}

    /**
     * Inserts a batch in one statement (arrays unnested server-side); events already recorded are skipped. Returns how
     * many were new.
     */
    public int insert(List<Row> rows, Instant receivedAt) {
        if (rows.isEmpty()) {
            return 0;
        }
        UUID[] accounts = new UUID[rows.size()];
        String[] ids = new String[rows.size()];
        String[] metrics = new String[rows.size()];
        Long[] quantities = new Long[rows.size()];
        Timestamp[] occurred = new Timestamp[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            accounts[i] = row.accountId();
            ids[i] = row.eventId();
            metrics[i] = row.metric();
            quantities[i] = row.quantity();
            occurred[i] = Timestamp.from(row.occurredAt());
        }
        return template.execute((java.sql.Connection connection) -> {
            try (var statement = connection.prepareStatement("""
                    insert into usage_event (account_id, event_id, metric, quantity, occurred_at, received_at)
                    select a, e, m, q, o, ? from unnest(?::uuid[], ?::text[], ?::text[], ?::bigint[], ?::timestamptz[]) as t(a, e, m, q, o)
                    on conflict (account_id, event_id) do nothing
                    """)) {
                Array uuidArray = connection.createArrayOf("uuid", accounts);
                statement.setTimestamp(1, Timestamp.from(receivedAt));
                statement.setArray(2, uuidArray);
                statement.setArray(3, connection.createArrayOf("text", ids));
                statement.setArray(4, connection.createArrayOf("text", metrics));
                statement.setArray(5, connection.createArrayOf("bigint", quantities));
                statement.setArray(6, connection.createArrayOf("timestamptz", occurred));
                return statement.executeUpdate();
            }
        });
    }

    /**
     * Per account and metric: usage before this instant is billed (its period closed), so late events for it are
     * refused. Key: {@code accountId + "/" + metric}.
     */
    public Map<String, Instant> billedUntil(List<UUID> accounts) {
        Map<String, Instant> result = new HashMap<>();
        template.query(
                """
                        select account_id, metric, max(billed_until) as until
                        from usage_billing, unnest(metrics) as metric where account_id = any(?) group by account_id, metric
                        """,
                rs -> {
                    result.put(
                            rs.getObject("account_id", UUID.class) + "/" + rs.getString("metric"),
                            rs.getTimestamp("until").toInstant());
                },
                (Object) accounts.toArray(UUID[]::new));
        return result;
    }

    public long total(AccountId account, String metric, Instant from, Instant to) {
        return jdbc.sql("""
                        select coalesce(sum(quantity), 0) from usage_event
                        where account_id = :account and metric = :metric and occurred_at >= :from and occurred_at < :to
                        """)
                .param("account", account.value())
                .param("metric", metric)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query(Long.class)
                .single();
    }

    /** One metric of one account over [from, to); {@code key} names it in the result of {@link #totals}. */
    public record Window(String key, UUID accountId, String metric, Instant from, Instant to) {}

    /** The usage total of each window, in one statement (windows unnested server-side). */
    public Map<String, Long> totals(List<Window> windows) {
        Map<String, Long> totals = new HashMap<>();
        if (windows.isEmpty()) {
            return totals;
        }
        template.execute((java.sql.Connection connection) -> {
            try (var statement = connection.prepareStatement("""
                    select w.k, (select coalesce(sum(e.quantity), 0) from usage_event e
                                 where e.account_id = w.a and e.metric = w.m and e.occurred_at >= w.f and e.occurred_at < w.u) as total
                    from unnest(?::text[], ?::uuid[], ?::text[], ?::timestamptz[], ?::timestamptz[]) as w(k, a, m, f, u)
                    """)) {
                statement.setArray(
                        1,
                        connection.createArrayOf(
                                "text", windows.stream().map(Window::key).toArray()));
                statement.setArray(
                        2,
                        connection.createArrayOf(
                                "uuid", windows.stream().map(Window::accountId).toArray()));
                statement.setArray(
                        3,
                        connection.createArrayOf(
                                "text", windows.stream().map(Window::metric).toArray()));
                statement.setArray(
                        4,
                        connection.createArrayOf(
                                "timestamptz",
                                windows.stream()
                                        .map(w -> Timestamp.from(w.from()))
                                        .toArray()));
                statement.setArray(
                        5,
                        connection.createArrayOf(
                                "timestamptz",
                                windows.stream()
                                        .map(w -> Timestamp.from(w.to()))
                                        .toArray()));
                try (var rs = statement.executeQuery()) {
                    while (rs.next()) {
                        totals.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return null;
        });
        return totals;
    }

    /** {@link #lockBilledUntil} for many subscriptions, locked in id order. */
    public Map<String, Instant> lockBilledUntil(Collection<String> subscriptionIds) {
        Map<String, Instant> billed = new HashMap<>();
        if (subscriptionIds.isEmpty()) {
            return billed;
        }
        jdbc.sql(
                        "select subscription_id, billed_until from usage_billing where subscription_id in (:ids) order by subscription_id for update")
                .param("ids", subscriptionIds.stream().map(UUID::fromString).toList())
                .query((rs, n) -> billed.put(
                        rs.getObject("subscription_id", UUID.class).toString(),
                        rs.getTimestamp("billed_until").toInstant()))
                .list();
        return billed;
    }

    public record BilledUntil(String subscriptionId, Instant until, Instant nextCloseAt) {}

    public void billedUntilAll(List<BilledUntil> updates) {
        template.batchUpdate(
                "update usage_billing set billed_until = ?, next_close_at = ? where subscription_id = ?",
                updates,
                Math.max(1, updates.size()),
                (ps, u) -> {
                    ps.setTimestamp(1, Timestamp.from(u.until()));
                    ps.setTimestamp(2, u.nextCloseAt() == null ? null : Timestamp.from(u.nextCloseAt()));
                    ps.setObject(3, UUID.fromString(u.subscriptionId()));
                });
    }

    public void start(
            String subscriptionId,
            AccountId account,
            @Nullable UUID testClockId,
            List<String> metrics,
            Instant from,
            Instant nextCloseAt) {
        template.update(
                """
                        insert into usage_billing (subscription_id, account_id, metrics, billed_until, next_close_at, test_clock_id)
                        values (?, ?, ?, ?, ?, ?) on conflict do nothing
                        """,
                UUID.fromString(subscriptionId),
                account.value(),
                metrics.toArray(String[]::new),
                Timestamp.from(from),
                Timestamp.from(nextCloseAt),
                testClockId);
    }

    /** Locks the subscription's usage window: usage billing and renewal of one subscription never rate the same usage twice. */
    public Optional<Instant> lockBilledUntil(String subscriptionId) {
        return jdbc.sql("select billed_until from usage_billing where subscription_id = :id for update")
                .param("id", UUID.fromString(subscriptionId))
                .query((rs, n) -> rs.getTimestamp("billed_until").toInstant())
                .optional();
    }

    public void billedUntil(String subscriptionId, Instant until, Instant nextCloseAt) {
        jdbc.sql("update usage_billing set billed_until = :until, next_close_at = :next where subscription_id = :id")
                .param("until", Timestamp.from(until))
                .param("next", nextCloseAt == null ? null : Timestamp.from(nextCloseAt))
                .param("id", UUID.fromString(subscriptionId))
                .update();
    }

    /** Subscriptions with a month of usage that ended before {@code asOf} and is not billed yet. */
    public List<String> dueForClose(Instant asOf, int limit) {
        SimulatedTime.Scope scope = SimulatedTime.scope();
        return jdbc.sql("select subscription_id from usage_billing where next_close_at <= :asOf and "
                        + scope.condition("test_clock_id") + " order by next_close_at limit :limit")
                .param("asOf", Timestamp.from(asOf))
                .param("testClock", scope.testClockId())
                .param("limit", limit)
                .query((rs, n) -> rs.getObject("subscription_id", UUID.class).toString())
                .list();
    }

    /** When usage of a test clock's accounts is next closed on its own invoice (months inside annual periods). */
    public Optional<Instant> nextCloseOnClock(UUID testClockId, Instant after) {
        return jdbc.sql(
                        "select min(next_close_at) from usage_billing where test_clock_id = :clock and next_close_at > :after")
                .param("after", Timestamp.from(after))
                .param("clock", testClockId)
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant);
    }
}
