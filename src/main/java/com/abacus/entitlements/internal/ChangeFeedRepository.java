package com.abacus.entitlements.internal;

import com.abacus.entitlements.Entitlement;
import com.abacus.entitlements.EntitlementSnapshot;
import com.abacus.shared.AccountId;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/**
 * Reads the change feed: snapshots by the transaction that wrote them, up to the horizon below which every transaction
 * has ended. Positions are transaction ids; a page never ends inside one transaction's rows.
 */
@Repository
public class ChangeFeedRepository {

    private static final TypeReference<TreeMap<String, Entitlement>> FEATURES = new TypeReference<>() {};

    private final JdbcClient jdbc;

    ChangeFeedRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param changes each account's current snapshot, in the order of the transactions that wrote them
     * @param next the position to ask from next
     * @param more whether changes up to the horizon were left for the next page
     */
    public record Page(List<EntitlementSnapshot> changes, long next, boolean more) {}

    /** The position below which every change is served: the horizon now. */
    long latest() {
        return jdbc.sql("select pg_snapshot_xmin(pg_current_snapshot())::text")
                .query(String.class)
                .single()
                .transform(Long::parseLong);
    }

    Page after(long position, int limit) {
        List<Row> rows = jdbc.sql("""
                        with horizon as (select pg_snapshot_xmin(pg_current_snapshot()) as xmin)
                        select horizon.xmin::text as horizon, s.change_xid::text as xid, s.account_id, s.version,
                               s.features, s.computed_at, s.next_change_at
                        from horizon left join lateral (
                            select * from entitlement_snapshot
                            where change_xid >= cast(:after as xid8) and change_xid < horizon.xmin
                            order by change_xid limit :limit) s on true
                        """)
                .param("after", Long.toString(position))
                .param("limit", limit + 1)
                .query((rs, n) -> new Row(
                        Long.parseLong(rs.getString("horizon")),
                        rs.getString("xid") == null ? -1 : Long.parseLong(rs.getString("xid")),
                        rs.getString("xid") == null ? null : snapshot(rs)))
                .list();
        long horizon = rows.get(0).horizon();
        List<Row> found = rows.stream().filter(r -> r.snapshot() != null).toList();
        if (found.size() <= limit) {
            return new Page(found.stream().map(Row::snapshot).toList(), horizon, false);
        }
        // More than a page: end before the last transaction's rows, or, if the page is all one transaction, at its end.
        long last = found.get(limit).xid();
        List<EntitlementSnapshot> page = new ArrayList<>();
        for (Row row : found.subList(0, limit)) {
            if (row.xid() < last) {
                page.add(row.snapshot());
            }
        }
        if (!page.isEmpty()) {
            return new Page(page, last, true);
        }
        return new Page(oneTransaction(last), last + 1, true);
    }

    private List<EntitlementSnapshot> oneTransaction(long xid) {
        return jdbc.sql("""
                        select account_id, version, features, computed_at, next_change_at from entitlement_snapshot
                        where change_xid = cast(:xid as xid8) order by account_id
                        """)
                .param("xid", Long.toString(xid))
                .query((rs, n) -> snapshot(rs))
                .list();
    }

    private record Row(long horizon, long xid, EntitlementSnapshot snapshot) {}

    private static EntitlementSnapshot snapshot(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp next = rs.getTimestamp("next_change_at");
        return new EntitlementSnapshot(
                new AccountId(rs.getObject("account_id", UUID.class)),
                rs.getLong("version"),
                rs.getTimestamp("computed_at").toInstant(),
                EntitlementRepository.JSON.readValue(rs.getString("features"), FEATURES),
                next == null ? null : next.toInstant());
    }
}
