package com.abacus.subscriptions.internal;

import com.abacus.subscriptions.SubscriptionId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What happened to each subscription, in order: one row per transition, shown in the console. */
@Repository
public class SubscriptionHistory {

    private final JdbcClient jdbc;

    SubscriptionHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void history(SubscriptionId id, HistoryEvent event, String detail, Instant at) {
        jdbc.sql(
                        "insert into subscription_history (subscription_id, event, detail, at) values (:id, :event, :detail, :at)")
                .param("id", id.value())
                .param("event", event.name())
                .param("detail", detail)
                .param("at", Timestamp.from(at))
                .update();
    }

    public record HistoryEntry(Instant at, String event, String detail) {}

    public List<HistoryEntry> historyOf(SubscriptionId id) {
        return jdbc.sql(
                        "select at, event, detail from subscription_history where subscription_id = :id order by at, id")
                .param("id", id.value())
                .query((rs, n) -> new HistoryEntry(
                        rs.getTimestamp("at").toInstant(), rs.getString("event"), rs.getString("detail")))
                .list();
    }
}
