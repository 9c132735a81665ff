package com.abacus.accounts.internal;

import com.abacus.accounts.TokenScope;
import com.abacus.shared.AccountId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** API tokens are stored only as SHA-256 hashes; the plain token exists once, in the response that issued it. */
@Repository
public class ApiTokenRepository {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public String issue(String name, AccountId accountId, List<TokenScope> scopes) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String plain = (accountId == null ? "abs_" : "abk_")
                + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        register(name, plain, accountId, scopes);
        return plain;
    }

    public void register(String name, String plainToken, AccountId accountId, List<TokenScope> scopes) {
        jdbc.sql("""
                        insert into api_token (id, token_hash, name, kind, account_id, scopes, created_at)
                        values (:id, :hash, :name, :kind, :accountId, :scopes, :now)
                        on conflict (token_hash) do nothing
                        """)
                .param("id", UUID.randomUUID())
                .param("hash", hash(plainToken))
                .param("name", name)
                .param("kind", accountId == null ? "SERVICE" : "CUSTOMER")
                .param("accountId", accountId == null ? null : accountId.value())
                .param("scopes", scopes.stream().map(TokenScope::value).sorted().collect(Collectors.joining(",")))
                .param("now", Timestamp.from(Instant.now()))
                .update();
    }

    public Optional<StoredToken> findActive(String plainToken) {
        return jdbc.sql("""
                        select name, kind, account_id, scopes from api_token where token_hash = :hash and revoked_at is null
                        """)
                .param("hash", hash(plainToken))
                .query((rs, n) -> new StoredToken(
                        rs.getString("name"),
                        "CUSTOMER".equals(rs.getString("kind")),
                        rs.getObject("account_id") == null
                                ? null
                                : new AccountId(rs.getObject("account_id", UUID.class)),
                        rs.getString("scopes").isEmpty()
                                ? List.of()
                                : Arrays.stream(rs.getString("scopes").split(","))
                                        .map(TokenScope::of)
                                        .toList()))
                .optional();
    }

    public void revokeAllFor(AccountId accountId, Instant now) {
        jdbc.sql("update api_token set revoked_at = :now where account_id = :id and revoked_at is null")
                .param("now", Timestamp.from(now))
                .param("id", accountId.value())
                .update();
    }

    /** The customer's own keys, newest first, revoked ones included (the page shows when they were revoked). */
    public List<com.abacus.accounts.CustomerApiKey> forAccount(AccountId accountId) {
        return jdbc.sql("select id, name, created_at, revoked_at from api_token where account_id = :id"
                        + " and kind = 'CUSTOMER' order by created_at desc")
                .param("id", accountId.value())
                .query((rs, n) -> new com.abacus.accounts.CustomerApiKey(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("revoked_at") == null
                                ? null
                                : rs.getTimestamp("revoked_at").toInstant()))
                .list();
    }

    /** @return false if the account has no such active key */
    public boolean revoke(AccountId accountId, UUID id, Instant now) {
        return jdbc.sql("update api_token set revoked_at = :now where id = :key and account_id = :id"
                                + " and revoked_at is null")
                        .param("now", Timestamp.from(now))
                        .param("key", id)
                        .param("id", accountId.value())
                        .update()
                > 0;
    }

    static String hash(String plainToken) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256").digest(plainToken.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public record StoredToken(String name, boolean customer, AccountId accountId, List<TokenScope> scopes) {}
}
