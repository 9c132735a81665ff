package com.abacus.accounts.internal;

import com.abacus.accounts.Account;
import com.abacus.shared.AccountId;
import com.abacus.shared.SqlArrays;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class AccountRepository {

    static final String COLUMNS = "id, email, name, currency, time_zone, country, created_at, erased_at, test_clock_id";

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the account, and its sign-in credential when it has a password (staff-opened accounts may not). */
    public void insert(Account account, @Nullable String passwordHash) {
        jdbc.sql("""
                        insert into account (id, email, name, currency, time_zone, country, created_at, test_clock_id)
                        values (:id, :email, :name, :currency, :timeZone, :country, :createdAt, :testClock)
                        """)
                .param("testClock", account.testClockId())
                .param("id", account.id().value())
                .param("email", account.email())
                .param("name", account.name())
                .param("currency", account.currency().getCurrencyCode())
                .param("timeZone", account.timeZone().getId())
                .param("country", account.country())
                .param("createdAt", Timestamp.from(account.createdAt()))
                .update();
        if (passwordHash == null) {
            return;
        }
        jdbc.sql("insert into customer_credential (account_id, password_hash) values (:id, :hash)")
                .param("id", account.id().value())
                .param("hash", passwordHash)
                .update();
    }

    public boolean emailTaken(String email) {
        return jdbc.sql("select count(*) from account where lower(email) = :email and erased_at is null")
                        .param("email", email)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    public Optional<Account> find(AccountId id) {
        return jdbc.sql("select " + COLUMNS + " from account where id = :id")
                .param("id", id.value())
                .query(AccountRepository::map)
                .optional();
    }

    public List<Account> findAll(Collection<AccountId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from account where id in (:ids)")
                .param("ids", ids.stream().map(AccountId::value).toList())
                .query(AccountRepository::map)
                .list();
    }

    public Optional<Account> findByEmail(String email) {
        return jdbc.sql("select " + COLUMNS + " from account where lower(email) = :email and erased_at is null")
                .param("email", email)
                .query(AccountRepository::map)
                .optional();
    }

    public Optional<Credential> credential(String email) {
        return jdbc.sql("""
                        select a.id, c.password_hash from account a join customer_credential c on c.account_id = a.id
                        where lower(a.email) = :email and a.erased_at is null
                        """)
                .param("email", email.trim().toLowerCase())
                .query((rs, n) ->
                        new Credential(new AccountId(rs.getObject("id", UUID.class)), rs.getString("password_hash")))
                .optional();
    }

    public List<Account> search(String query, int offset, int limit) {
        return jdbc.sql("select " + COLUMNS + " from account where " + matches(query)
                        + " order by created_at desc, id limit :limit offset :offset")
                .param("q", query)
                .param("like", "%" + escapeLike(query.toLowerCase()) + "%")
                .param("limit", limit)
                .param("offset", offset)
                .query(AccountRepository::map)
                .list();
    }

    public int count(String query) {
        return jdbc.sql("select count(*) from account where " + matches(query))
                .param("q", query)
                .param("like", "%" + escapeLike(query.toLowerCase()) + "%")
                .query(Integer.class)
                .single();
    }

    public void pseudonymise(AccountId id, Instant now) {
        String pseudonym = "erased-" + id.value().toString().substring(0, 8);
        jdbc.sql("""
                        update account set email = :email, name = :name, country = null, erased_at = :now where id = :id
                        """)
                .param("email", pseudonym + "@erased.invalid")
                .param("name", pseudonym)
                .param("now", Timestamp.from(now))
                .param("id", id.value())
                .update();
        jdbc.sql("delete from customer_credential where account_id = :id")
                .param("id", id.value())
                .update();
    }

    private static String matches(String query) {
        if (query.isEmpty()) {
            return "true";
        }
        return "(id::text = :q or lower(email) like :like or lower(name) like :like)";
    }

    static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static Account map(ResultSet rs, int row) throws SQLException {
        return new Account(
                new AccountId(rs.getObject("id", UUID.class)),
                rs.getString("email"),
                rs.getString("name"),
                Currency.getInstance(rs.getString("currency")),
                ZoneId.of(rs.getString("time_zone")),
                rs.getString("country"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("erased_at") != null,
                rs.getObject("test_clock_id", UUID.class));
    }

    public List<AccountId> onTestClock(UUID testClockId) {
        return jdbc.sql("select id from account where test_clock_id = :clock order by created_at, id")
                .param("clock", testClockId)
                .query((rs, n) -> new AccountId(rs.getObject("id", UUID.class)))
                .list();
    }

    /** The test clock of each of these accounts that lives on one. */
    /** Which of these ids are accounts: one statement whatever their number (an array, not a list of parameters). */
    public Set<AccountId> existing(Collection<AccountId> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("select id from account where id = any(cast(:ids as uuid[]))")
                .param("ids", SqlArrays.of(ids))
                .query((rs, n) -> new AccountId(rs.getObject("id", UUID.class)))
                .list());
    }

    public Map<AccountId, UUID> testClocksOf(Collection<? extends AccountId> ids) {
        Map<AccountId, UUID> clocks = new HashMap<>();
        if (ids.isEmpty()) {
            return clocks;
        }
        jdbc.sql(
                        "select id, test_clock_id from account where id = any(cast(:ids as uuid[])) and test_clock_id is not null")
                .param("ids", SqlArrays.of(ids))
                .query(rs -> {
                    clocks.put(
                            new AccountId(rs.getObject("id", UUID.class)), rs.getObject("test_clock_id", UUID.class));
                });
        return clocks;
    }

    /** Removes accounts with their credentials and keys (a deleted test clock's). */
    public void delete(List<AccountId> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<UUID> values = ids.stream().map(AccountId::value).toList();
        jdbc.sql("delete from api_token where account_id in (:ids)")
                .param("ids", values)
                .update();
        jdbc.sql("delete from customer_credential where account_id in (:ids)")
                .param("ids", values)
                .update();
        jdbc.sql("delete from account_billing_details where account_id in (:ids)")
                .param("ids", values)
                .update();
        jdbc.sql("delete from account where id in (:ids)").param("ids", values).update();
    }

    public record Credential(AccountId accountId, String passwordHash) {}
}
