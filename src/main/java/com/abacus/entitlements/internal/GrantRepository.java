package com.abacus.entitlements.internal;

import com.abacus.entitlements.EntitlementOverride;
import com.abacus.entitlements.TrialGrant;
import com.abacus.shared.AccountId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/** What staff grant beside the plans: trials of a plan or of features, and overrides of one feature's value. */
@Repository
public class GrantRepository {

    private final JdbcClient jdbc;

    GrantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Which of these accounts were ever granted a trial or an override, in one query. */
    public Set<AccountId> accountsWithGrants(Collection<AccountId> accounts) {
        if (accounts.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                        select account_id from trial_grant where account_id = any(cast(:accounts as uuid[]))
                        union select account_id from entitlement_override where account_id = any(cast(:accounts as uuid[]))
                        """)
                .param(
                        "accounts",
                        accounts.stream()
                                .map(AccountId::toString)
                                .collect(java.util.stream.Collectors.joining(",", "{", "}")))
                .query((rs, n) -> new AccountId(rs.getObject("account_id", UUID.class)))
                .list());
    }

    public void insertTrial(TrialGrant trial) {
        jdbc.sql("""
                        insert into trial_grant (id, account_id, plan_code, features, starts_at, ends_at, reason, granted_by)
                        values (:id, :account, :plan, cast(:features as jsonb), :starts, :ends, :reason, :by)
                        """)
                .param("id", trial.id())
                .param("account", trial.accountId().value())
                .param("plan", trial.planCode())
                .param("features", EntitlementRepository.JSON.writeValueAsString(trial.features()))
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
                        EntitlementRepository.JSON.readValue(
                                rs.getString("features"), new TypeReference<LinkedHashMap<String, String>>() {}),
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

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
