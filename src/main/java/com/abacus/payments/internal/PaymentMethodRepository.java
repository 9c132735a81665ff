package com.abacus.payments.internal;

import com.abacus.payments.PaymentMethod;
import com.abacus.shared.AccountId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class PaymentMethodRepository {

    static final String COLUMNS = """
            select id, account_id, brand, last4, exp_month, exp_year, legacy_token, new_token, migrated_at, is_default, type,
                   status, country, mandate_reference, mandate_accepted_at
            from payment_method""";

    private final JdbcClient jdbc;

    PaymentMethodRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A saved card with its processor tokens (internal: tokens never leave the payments module). */
    public record StoredMethod(PaymentMethod method, String legacyToken, String newToken) {

        public boolean migrated() {
            return newToken != null && method.migratedAt() != null;
        }
    }

    public void insert(
            UUID id,
            AccountId account,
            String brand,
            String last4,
            int expMonth,
            int expYear,
            String legacyToken,
            String newToken,
            Instant migratedAt,
            Instant now) {
        jdbc.sql("update payment_method set is_default = false where account_id = :account")
                .param("account", account.value())
                .update();
        jdbc.sql("""
                        insert into payment_method (id, account_id, brand, last4, exp_month, exp_year, legacy_token, new_token,
                                                    migrated_at, is_default, created_at)
                        values (:id, :account, :brand, :last4, :expMonth, :expYear, :legacy, :new, :migratedAt, true, :now)
                        """)
                .param("id", id)
                .param("account", account.value())
                .param("brand", brand)
                .param("last4", last4)
                .param("expMonth", expMonth)
                .param("expYear", expYear)
                .param("legacy", legacyToken)
                .param("new", newToken)
                .param("migratedAt", migratedAt == null ? null : Timestamp.from(migratedAt))
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Saves a PayPal agreement or a SEPA mandate as the account's default, with its token at the one processor that
     * made it.
     */
    public void insertOther(OtherMethod method, Instant now) {
        jdbc.sql("update payment_method set is_default = false where account_id = :account")
                .param("account", method.account().value())
                .update();
        jdbc.sql("""
                        insert into payment_method (id, account_id, type, status, brand, last4, country, legacy_token, new_token,
                                                    mandate_reference, mandate_accepted_at, mandate_text, is_default, created_at)
                        values (:id, :account, :type, :status, :brand, :last4, :country, :legacy, :new, :reference, :acceptedAt,
                                :text, true, :now)
                        """)
                .param("id", method.id())
                .param("account", method.account().value())
                .param("type", method.type().name())
                .param("status", method.status().name())
                .param("brand", method.type() == com.abacus.payments.PaymentMethodType.PAYPAL ? "PayPal" : null)
                .param("last4", method.last4())
                .param("country", method.country())
                .param("legacy", method.slot() == com.abacus.payments.Processor.LEGACY ? method.token() : null)
                .param("new", method.slot() == com.abacus.payments.Processor.NEW ? method.token() : null)
                .param("reference", method.reference())
                .param("acceptedAt", method.acceptedAt() == null ? null : Timestamp.from(method.acceptedAt()))
                .param("text", method.mandateText())
                .param("now", Timestamp.from(now))
                .update();
    }

    /** A method that is not a card: where its token lives and what the customer agreed to. */
    public record OtherMethod(
            UUID id,
            AccountId account,
            com.abacus.payments.PaymentMethodType type,
            com.abacus.payments.PaymentMethodStatus status,
            com.abacus.payments.Processor slot,
            String token,
            String last4,
            String country,
            String reference,
            Instant acceptedAt,
            String mandateText) {}

    /** A PayPal agreement approved by its first captured charge: chargeable from now on. */
    public boolean activate(UUID id, com.abacus.payments.Processor slot, String vaultedToken) {
        if (vaultedToken != null) {
            jdbc.sql("update payment_method set "
                            + (slot == com.abacus.payments.Processor.LEGACY ? "legacy_token" : "new_token")
                            + " = :token where id = :id and status = 'PENDING_APPROVAL'")
                    .param("token", vaultedToken)
                    .param("id", id)
                    .update();
        }
        return jdbc.sql("update payment_method set status = 'ACTIVE' where id = :id and status = 'PENDING_APPROVAL'")
                        .param("id", id)
                        .update()
                > 0;
    }

    /** The bank says the mandate is revoked: never charged again, and no longer the default. */
    public boolean revoke(UUID id) {
        return jdbc.sql("update payment_method set status = 'REVOKED', is_default = false where id = :id"
                                + " and status <> 'REVOKED'")
                        .param("id", id)
                        .update()
                > 0;
    }

    public Optional<StoredMethod> find(UUID id, AccountId account) {
        return jdbc.sql(COLUMNS + " where id = :id and account_id = :account and removed_at is null")
                .param("id", id)
                .param("account", account.value())
                .query(PaymentMethodRepository::map)
                .optional();
    }

    public Optional<StoredMethod> defaultFor(AccountId account) {
        return jdbc.sql(COLUMNS + " where account_id = :account and is_default and removed_at is null")
                .param("account", account.value())
                .query(PaymentMethodRepository::map)
                .optional();
    }

    /** The default card of each of these accounts that has one. */
    public Map<AccountId, StoredMethod> defaultsFor(Collection<AccountId> accounts) {
        if (accounts.isEmpty()) {
            return Map.of();
        }
        Map<AccountId, StoredMethod> defaults = new HashMap<>();
        jdbc.sql(COLUMNS + " where account_id in (:accounts) and is_default and removed_at is null")
                .param("accounts", accounts.stream().map(AccountId::value).toList())
                .query(PaymentMethodRepository::map)
                .list()
                .forEach(m -> defaults.put(m.method().accountId(), m));
        return defaults;
    }

    public List<PaymentMethod> forAccount(AccountId account) {
        return jdbc
                .sql(COLUMNS + " where account_id = :account and removed_at is null order by created_at desc")
                .param("account", account.value())
                .query(PaymentMethodRepository::map)
                .list()
                .stream()
                .map(StoredMethod::method)
                .toList();
    }

    /** Cards still only at the legacy processor, accounts nearest the dial first (lowest bucket moves first). */
    public List<StoredMethod> awaitingMigration(int limit) {
        return jdbc.sql("""
                        select m.id, m.account_id, m.brand, m.last4, m.exp_month, m.exp_year, m.legacy_token, m.new_token,
                               m.migrated_at, m.is_default, m.type, m.status, m.country, m.mandate_reference,
                               m.mandate_accepted_at
                        from payment_method m left join processor_assignment a on a.account_id = m.account_id
                        where m.type = 'CARD' and m.legacy_token is not null and m.migrated_at is null and m.removed_at is null
                          and m.migration_attempts < 5
                        order by coalesce(a.bucket, 100), m.created_at
                        limit :limit
                        """)
                .param("limit", limit)
                .query(PaymentMethodRepository::map)
                .list();
    }

    public void markMigrated(UUID id, String newToken, Instant now) {
        jdbc.sql(
                        "update payment_method set new_token = :token, migrated_at = :now, migration_error = null where id = :id")
                .param("token", newToken)
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    public void markMigrationFailed(UUID id, String error) {
        jdbc.sql(
                        "update payment_method set migration_attempts = migration_attempts + 1, migration_error = :error where id = :id")
                .param("error", error == null ? "unknown" : error.length() > 300 ? error.substring(0, 300) : error)
                .param("id", id)
                .update();
    }

    public long[] migrationProgress() {
        return jdbc.sql("""
                        select count(*) filter (where legacy_token is not null and migrated_at is null) as waiting,
                               count(*) filter (where legacy_token is not null and migrated_at is not null) as done
                        from payment_method where removed_at is null and type = 'CARD'
                        """)
                .query((rs, n) -> new long[] {rs.getLong("waiting"), rs.getLong("done")})
                .single();
    }

    static StoredMethod map(ResultSet rs, int row) throws SQLException {
        return new StoredMethod(
                new PaymentMethod(
                        rs.getObject("id", UUID.class),
                        new AccountId(rs.getObject("account_id", UUID.class)),
                        rs.getString("brand"),
                        rs.getString("last4"),
                        rs.getInt("exp_month"),
                        rs.getInt("exp_year"),
                        rs.getString("legacy_token") != null,
                        rs.getString("new_token") != null,
                        rs.getTimestamp("migrated_at") == null
                                ? null
                                : rs.getTimestamp("migrated_at").toInstant(),
                        rs.getBoolean("is_default"),
                        com.abacus.payments.PaymentMethodType.valueOf(rs.getString("type")),
                        com.abacus.payments.PaymentMethodStatus.valueOf(rs.getString("status")),
                        rs.getString("country"),
                        rs.getString("mandate_reference"),
                        rs.getTimestamp("mandate_accepted_at") == null
                                ? null
                                : rs.getTimestamp("mandate_accepted_at").toInstant()),
                rs.getString("legacy_token"),
                rs.getString("new_token"));
    }
}
