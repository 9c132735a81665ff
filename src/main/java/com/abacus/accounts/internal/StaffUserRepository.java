package com.abacus.accounts.internal;

import com.abacus.accounts.StaffRole;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class StaffUserRepository {

    private final JdbcClient jdbc;

    StaffUserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean exists(String username) {
        return jdbc.sql("select count(*) from staff_user where username = :u")
                        .param("u", username)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    public void insert(String username, String displayName, String passwordHash, Set<StaffRole> roles) {
        jdbc.sql("""
                        insert into staff_user (id, username, display_name, password_hash, roles, enabled, created_at)
                        values (:id, :username, :displayName, :hash, :roles, true, :now)
                        """)
                .param("id", UUID.randomUUID())
                .param("username", username)
                .param("displayName", displayName)
                .param("hash", passwordHash)
                .param("roles", roles.stream().map(Enum::name).sorted().collect(Collectors.joining(",")))
                .param("now", Timestamp.from(Instant.now()))
                .update();
    }

    public Optional<StaffUser> find(String username) {
        return jdbc.sql(
                        "select username, display_name, password_hash, roles, enabled from staff_user where username = :u")
                .param("u", username)
                .query((rs, n) -> new StaffUser(
                        rs.getString("username"),
                        rs.getString("display_name"),
                        rs.getString("password_hash"),
                        Arrays.stream(rs.getString("roles").split(","))
                                .map(StaffRole::valueOf)
                                .collect(Collectors.toSet()),
                        rs.getBoolean("enabled")))
                .optional();
    }

    public record StaffUser(
            String username, String displayName, String passwordHash, Set<StaffRole> roles, boolean enabled) {}
}
