package com.abacus.entitlements.internal;

import com.abacus.entitlements.Entitlement;
import com.abacus.entitlements.EntitlementOverride;
import com.abacus.entitlements.EntitlementSnapshot;
import com.abacus.entitlements.TrialGrant;
import com.abacus.shared.AccountId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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

    public Optional<Instant> computedAt(AccountId account) {
        return jdbc.sql("select computed_at from entitlement_snapshot where account_id = :id")
                .param("id", account.value())
                .query((rs, n) -> rs.getTimestamp("computed_at").toInstant())
                .optional();
    }

    /** Serialises recomputations of one account: the second waits and then sees what the first wrote. */
    public void lock(AccountId account) {
        jdbc.sql("select pg_advisory_xact_lock(:key)")
                .param(
                        "key",
                        account.value().getMostSignificantBits()
                                ^ account.value().getLeastSignificantBits())
                .query()
                .singleRow();
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
            Instant nextChangeAt) {
        return jdbc.sql("""
                        insert into entitlement_snapshot (account_id, version, digest, features, computed_at, next_change_at)
                        values (:id, 1, :digest, cast(:features as jsonb), :at, :next)
                        on conflict (account_id) do update set version = entitlement_snapshot.version + 1, digest = excluded.digest,
                            features = excluded.features, computed_at = excluded.computed_at, next_change_at = excluded.next_change_at,
                            changed_at = now()
                        returning version
                        """)
                .param("id", account.value())
                .param("digest", digest)
                .param("features", JSON.writeValueAsString(features))
                .param("at", Timestamp.from(computedAt))
                .param("next", nextChangeAt == null ? null : Timestamp.from(nextChangeAt))
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

    public List<AccountId> dueForRecompute(Instant now, int limit) {
        return jdbc.sql(
                        "select account_id from entitlement_snapshot where next_change_at <= :now order by next_change_at limit :limit")
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query((rs, n) -> new AccountId(rs.getObject("account_id", UUID.class)))
                .list();
    }

    public void insertTrial(TrialGrant trial) {
        jdbc.sql("""
                        insert into trial_grant (id, account_id, plan_code, features, starts_at, ends_at, reason, granted_by)
                        values (:id, :account, :plan, cast(:features as jsonb), :starts, :ends, :reason, :by)
                        """)
                .param("id", trial.id())
                .param("account", trial.accountId().value())
                .param("plan", trial.planCode())
                .param("features", JSON.writeValueAsString(trial.features()))
                .param("starts", Timestamp.from(trial.startsAt()))
                .param("ends", Timestamp.from(trial.endsAt()))
                .param("reason", trial.reason())
                .param("by", trial.grantedBy())
                .update();
    }

    public boolean revokeTrial(UUID id, Instant now) {
        return jdbc.sql("update trial_grant set revoked_at = :now where id = :id and revoked_at is null")
                        .param("now", Timestamp.from(now))
                        .param("id", id)
                        .update()
                == 1;
    }

    public List<TrialGrant> trials(AccountId account) {
        return jdbc.sql("""
                        select id, account_id, plan_code, features, starts_at, ends_at, reason, granted_by, revoked_at
                        from trial_grant where account_id = :account order by starts_at desc
                        """)
                .param("account", account.value())
                .query((rs, n) -> new TrialGrant(
                        rs.getObject("id", UUID.class),
                        account,
                        rs.getString("plan_code"),
                        JSON.readValue(rs.getString("features"), new TypeReference<LinkedHashMap<String, String>>() {}),
                        rs.getTimestamp("starts_at").toInstant(),
                        rs.getTimestamp("ends_at").toInstant(),
                        rs.getString("reason"),
                        rs.getString("granted_by"),
                        instant(rs, "revoked_at")))
                .list();
    }

    public Optional<AccountId> trialAccount(UUID id) {
        return jdbc.sql("select account_id from trial_grant where id = :id")
                .param("id", id)
                .query((rs, n) -> new AccountId(rs.getObject("account_id", UUID.class)))
                .optional();
    }

    public void insertOverride(EntitlementOverride override) {
        jdbc.sql("""
                        insert into entitlement_override (id, account_id, feature, value, reason, granted_by, created_at, expires_at)
                        values (:id, :account, :feature, :value, :reason, :by, :at, :expires)
                        """)
                .param("id", override.id())
                .param("account", override.accountId().value())
                .param("feature", override.feature())
                .param("value", override.value())
                .param("reason", override.reason())
                .param("by", override.grantedBy())
                .param("at", Timestamp.from(override.createdAt()))
                .param("expires", override.expiresAt() == null ? null : Timestamp.from(override.expiresAt()))
                .update();
    }

    public boolean revokeOverride(UUID id, Instant now) {
        return jdbc.sql("update entitlement_override set revoked_at = :now where id = :id and revoked_at is null")
                        .param("now", Timestamp.from(now))
                        .param("id", id)
                        .update()
                == 1;
    }

    public Optional<AccountId> overrideAccount(UUID id) {
        return jdbc.sql("select account_id from entitlement_override where id = :id")
                .param("id", id)
                .query((rs, n) -> new AccountId(rs.getObject("account_id", UUID.class)))
                .optional();
    }

    public List<EntitlementOverride> overrides(AccountId account) {
        return jdbc.sql("""
                        select id, feature, value, reason, granted_by, created_at, expires_at, revoked_at
                        from entitlement_override where account_id = :account order by created_at desc
                        """)
                .param("account", account.value())
                .query((rs, n) -> new EntitlementOverride(
                        rs.getObject("id", UUID.class),
                        account,
                        rs.getString("feature"),
                        rs.getString("value"),
                        rs.getString("reason"),
                        rs.getString("granted_by"),
                        rs.getTimestamp("created_at").toInstant(),
                        instant(rs, "expires_at"),
                        instant(rs, "revoked_at")))
                .list();
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
