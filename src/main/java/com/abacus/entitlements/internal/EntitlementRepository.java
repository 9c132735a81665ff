package com.abacus.entitlements.internal;

import com.abacus.entitlements.Entitlement;
import com.abacus.entitlements.EntitlementSnapshot;
import com.abacus.shared.AccountId;
import com.abacus.shared.SimulatedTime;
import com.abacus.shared.SqlArrays;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
public class EntitlementRepository {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    EntitlementRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<EntitlementSnapshot> find(AccountId account) {
        return jdbc.sql(
                        "select account_id, version, features, computed_at, next_change_at from entitlement_snapshot where account_id = :id")
                .param("id", account.value())
                .query(EntitlementRepository::snapshot)
                .optional();
    }

    /** The stored snapshots of these accounts, by account (accounts without one are left out), in one query. */
    public Map<AccountId, EntitlementSnapshot> findAll(Collection<AccountId> accounts) {
        Map<AccountId, EntitlementSnapshot> found = new HashMap<>();
        jdbc.sql("""
                        select account_id, version, features, computed_at, next_change_at from entitlement_snapshot
                        where account_id = any(cast(:ids as uuid[]))
                        """)
                .param("ids", SqlArrays.of(accounts))
                .query(EntitlementRepository::snapshot)
                .list()
                .forEach(snapshot -> found.put(snapshot.accountId(), snapshot));
        return found;
    }

    /** When the account's snapshot was computed; empty if it never was (none, or the empty version 0). */
    public Optional<Instant> computedAt(AccountId account) {
        return jdbc.sql("select computed_at from entitlement_snapshot where account_id = :id and version > 0")
                .param("id", account.value())
                .query((rs, n) -> rs.getTimestamp("computed_at").toInstant())
                .optional();
    }

    /** Serialises recomputations of one account: the second waits and then sees what the first wrote. */
    public void lock(AccountId account) {
        jdbc.sql("select pg_advisory_xact_lock(:key)")
                .param("key", lockKey(account))
                .query()
                .singleRow();
    }

    /**
     * The empty first snapshot of accounts that never had one, each at its own {@code now} (a test clock's time for an
     * account on one): version 0, written only where no snapshot exists yet.
     */
    public void insertEmpty(
            Map<AccountId, Instant> now,
            String digest,
            Map<String, Entitlement> features,
            Map<AccountId, UUID> testClocks) {
        if (now.isEmpty()) {
            return;
        }
        List<AccountId> accounts = List.copyOf(now.keySet());
        jdbc.sql("""
                        insert into entitlement_snapshot (account_id, version, digest, features, computed_at, test_clock_id)
                        select a.id, 0, :digest, cast(:features as jsonb), a.at, a.clock
                        from unnest(cast(:ids as uuid[]), cast(:ats as timestamptz[]), cast(:clocks as uuid[])) as a(id, at, clock)
                        on conflict (account_id) do nothing
                        """)
                .param("digest", digest)
                .param("features", JSON.writeValueAsString(features))
                .param("ids", SqlArrays.of(accounts))
                .param(
                        "ats",
                        accounts.stream()
                                .map(id -> "\"" + now.get(id) + "\"")
                                .collect(Collectors.joining(",", "{", "}")))
                .param(
                        "clocks",
                        accounts.stream()
                                .map(id -> testClocks.containsKey(id)
                                        ? testClocks.get(id).toString()
                                        : "NULL")
                                .collect(Collectors.joining(",", "{", "}")))
                .update();
    }

    public Optional<String> digest(AccountId account) {
        return jdbc.sql("select digest from entitlement_snapshot where account_id = :id")
                .param("id", account.value())
                .query(String.class)
                .optional();
    }

    /** Writes a new version (one above the stored one) and returns it. */
    public long save(
            AccountId account,
            String digest,
            Map<String, Entitlement> features,
            Instant computedAt,
            Instant nextChangeAt,
            @Nullable UUID testClockId) {
        return jdbc.sql("""
                        insert into entitlement_snapshot (account_id, version, digest, features, computed_at, next_change_at,
                            test_clock_id)
                        values (:id, 1, :digest, cast(:features as jsonb), :at, :next, :testClock)
                        on conflict (account_id) do update set version = entitlement_snapshot.version + 1, digest = excluded.digest,
                            features = excluded.features, computed_at = excluded.computed_at, next_change_at = excluded.next_change_at,
                            changed_at = now(), change_xid = pg_current_xact_id()
                        returning version
                        """)
                .param("id", account.value())
                .param("digest", digest)
                .param("features", JSON.writeValueAsString(features))
                .param("at", Timestamp.from(computedAt))
                .param("next", nextChangeAt == null ? null : Timestamp.from(nextChangeAt))
                .param("testClock", testClockId)
                .query(Long.class)
                .single();
    }

    /** Version of each snapshot changed in the last {@code window} by the database clock. */
    public Map<AccountId, Long> versionsChangedWithin(Duration window, int limit) {
        Map<AccountId, Long> versions = new java.util.LinkedHashMap<>();
        jdbc.sql("""
                        select account_id, version from entitlement_snapshot
                        where changed_at > now() - make_interval(secs => :seconds) order by changed_at limit :limit
                        """)
                .param("seconds", window.toMillis() / 1000.0)
                .param("limit", limit)
                .query((rs, n) ->
                        versions.put(new AccountId(rs.getObject("account_id", UUID.class)), rs.getLong("version")))
                .list();
        return versions;
    }

    public void nextChange(AccountId account, Instant nextChangeAt) {
        jdbc.sql("update entitlement_snapshot set next_change_at = :next where account_id = :id")
                .param("next", nextChangeAt == null ? null : Timestamp.from(nextChangeAt))
                .param("id", account.value())
                .update();
    }

    /** Accounts of this thread's time (real, or one test clock's in its advance) whose entitlements change by now. */
    public List<AccountId> dueForRecompute(Instant now, int limit) {
        SimulatedTime.Scope scope = SimulatedTime.scope();
        return jdbc.sql("select account_id from entitlement_snapshot where next_change_at <= :now and "
                        + scope.condition("test_clock_id") + " order by next_change_at limit :limit")
                .param("now", Timestamp.from(now))
                .param("testClock", scope.testClockId())
                .param("limit", limit)
                .query((rs, n) -> new AccountId(rs.getObject("account_id", UUID.class)))
                .list();
    }

    /** When the entitlements of a test clock's accounts next change (a trial or override lapses). */
    public Optional<Instant> nextChangeOnClock(UUID testClockId, Instant after) {
        return jdbc.sql(
                        "select min(next_change_at) from entitlement_snapshot where test_clock_id = :clock and next_change_at > :after")
                .param("after", Timestamp.from(after))
                .param("clock", testClockId)
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant);
    }

    private static long lockKey(AccountId account) {
        return account.value().getMostSignificantBits() ^ account.value().getLeastSignificantBits();
    }

    private static EntitlementSnapshot snapshot(ResultSet rs, int row) throws SQLException {
        Map<String, Entitlement> features = JSON.readValue(
                rs.getString("features"), new TypeReference<java.util.TreeMap<String, Entitlement>>() {});
        return new EntitlementSnapshot(
                new AccountId(rs.getObject("account_id", UUID.class)),
                rs.getLong("version"),
                rs.getTimestamp("computed_at").toInstant(),
                features,
                instant(rs, "next_change_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
