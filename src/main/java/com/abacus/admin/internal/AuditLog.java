package com.abacus.admin.internal;

import com.abacus.admin.AuditEntry;
import com.abacus.shared.AccountId;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/** Writes and reads the audit trail. There is no update or delete here, and the table refuses both anyway. */
@Component
public class AuditLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(
            Authentication staff,
            String action,
            String targetType,
            Object targetId,
            AccountId account,
            String reason,
            String detail) {
        record(staff, staff.getName(), action, targetType, targetId, account, reason, detail);
    }

    /** {@code staff} may be null (a job acted for {@code actor}): then no roles are recorded. */
    public void record(
            Authentication staff,
            String actor,
            String action,
            String targetType,
            Object targetId,
            AccountId account,
            String reason,
            String detail) {
        jdbc.sql("""
                        insert into audit_entry (at, actor, roles, action, target_type, target_id, account_id, reason, detail)
                        values (:at, :actor, :roles, :action, :type, :target, :account, :reason, :detail)
                        on conflict do nothing
                        """)
                .param("at", Timestamp.from(clock.instant()))
                .param("actor", actor)
                .param("roles", staff == null ? "" : roles(staff))
                .param("action", action)
                .param("type", targetType)
                .param("target", String.valueOf(targetId))
                .param("account", account == null ? null : account.value())
                .param("reason", reason)
                .param("detail", detail)
                .update();
    }

    /**
     * The staff roles, as the console names them ("ADMIN"): Spring Security's other authorities (which factor signed
     * in, "FACTOR_PASSWORD") and the "ROLE_" prefix are not roles a person reads.
     */
    static String roles(Authentication staff) {
        return staff.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_"))
                .sorted()
                .collect(Collectors.joining(","));
    }

    static String readableRoles(String stored) {
        if (stored == null || stored.isBlank()) {
            return "";
        }
        return java.util.Arrays.stream(stored.split(","))
                .map(String::trim)
                .filter(role -> role.startsWith("ROLE_"))
                .map(role -> role.substring("ROLE_".length()))
                .sorted()
                .collect(Collectors.joining(", "));
    }

    public List<AuditEntry> forAccount(AccountId account) {
        return jdbc.sql("select * from audit_entry where account_id = :account order by at desc, id desc limit 200")
                .param("account", account.value())
                .query(AuditLog::map)
                .list();
    }

    /** Who, what, and a day range in UTC ({@code to} included); null or blank: any. */
    public record Filter(String actor, String action, java.time.LocalDate from, java.time.LocalDate to) {}

    public List<AuditEntry> recent(Filter filter, int offset, int limit) {
        return filtered(
                        "select * from audit_entry where " + WHERE
                                + " order by at desc, id desc limit :limit offset :offset",
                        filter)
                .param("limit", limit)
                .param("offset", offset)
                .query(AuditLog::map)
                .list();
    }

    /** Every entry the filter matches, oldest first, streamed to {@code each} (an export of any size). */
    public void forEach(Filter filter, java.util.function.Consumer<AuditEntry> each) {
        try (var entries = filtered("select * from audit_entry where " + WHERE + " order by at, id", filter)
                .query(AuditLog::map)
                .stream()) {
            entries.forEach(each);
        }
    }

    private static final String WHERE = "(:actor = '' or actor = :actor) and (:action = '' or action = :action)"
            + " and (cast(:from as timestamptz) is null or at >= :from)"
            + " and (cast(:to as timestamptz) is null or at < :to)";

    private JdbcClient.StatementSpec filtered(String sql, Filter filter) {
        return jdbc.sql(sql)
                .param("actor", filter.actor() == null ? "" : filter.actor().trim())
                .param("action", filter.action() == null ? "" : filter.action().trim())
                .param(
                        "from",
                        filter.from() == null
                                ? null
                                : Timestamp.from(filter.from()
                                        .atStartOfDay(java.time.ZoneOffset.UTC)
                                        .toInstant()))
                .param(
                        "to",
                        filter.to() == null
                                ? null
                                : Timestamp.from(filter.to()
                                        .plusDays(1)
                                        .atStartOfDay(java.time.ZoneOffset.UTC)
                                        .toInstant()));
    }

    private static AuditEntry map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new AuditEntry(
                rs.getLong("id"),
                rs.getTimestamp("at").toInstant(),
                rs.getString("actor"),
                readableRoles(rs.getString("roles")),
                rs.getString("action"),
                rs.getString("target_type"),
                rs.getString("target_id"),
                rs.getObject("account_id", UUID.class),
                rs.getString("reason"),
                rs.getString("detail"));
    }
}
