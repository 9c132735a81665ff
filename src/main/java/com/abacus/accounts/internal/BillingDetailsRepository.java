package com.abacus.accounts.internal;

import com.abacus.accounts.BillingAddress;
import com.abacus.accounts.BillingDetails;
import com.abacus.accounts.TaxId;
import com.abacus.shared.AccountId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Accounts' billing details, one row per account once anything was set. */
@Repository
public class BillingDetailsRepository {

    private final JdbcClient jdbc;

    BillingDetailsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<BillingDetails> find(AccountId account) {
        return jdbc.sql("select * from account_billing_details where account_id = :id")
                .param("id", account.value())
                .query(BillingDetailsRepository::map)
                .optional();
    }

    /** The account's details locked until the transaction ends, so two changes apply one after the other. */
    public Optional<BillingDetails> findForUpdate(AccountId account) {
        return jdbc.sql("select * from account_billing_details where account_id = :id for update")
                .param("id", account.value())
                .query(BillingDetailsRepository::map)
                .optional();
    }

    /** The details of those accounts that have any. */
    public Map<AccountId, BillingDetails> findAll(Collection<AccountId> accounts) {
        Map<AccountId, BillingDetails> found = new HashMap<>();
        if (accounts.isEmpty()) {
            return found;
        }
        List<UUID> ids = accounts.stream().map(AccountId::value).toList();
        jdbc.sql("select * from account_billing_details where account_id in (:ids)")
                .param("ids", ids)
                .query(BillingDetailsRepository::map)
                .list()
                .forEach(details -> found.put(details.accountId(), details));
        return found;
    }

    public void save(BillingDetails details) {
        BillingAddress address = details.address();
        TaxId taxId = details.taxId();
        jdbc.sql("""
                        insert into account_billing_details (account_id, address_line1, address_line2, city, postal_code, state,
                            country, tax_id_type, tax_id_value, tax_id_status, tax_exempt_reason, updated_at)
                        values (:id, :line1, :line2, :city, :postal, :state, :country, :taxType, :taxValue, :taxStatus, :exempt, :at)
                        on conflict (account_id) do update set address_line1 = excluded.address_line1,
                            address_line2 = excluded.address_line2, city = excluded.city, postal_code = excluded.postal_code,
                            state = excluded.state, country = excluded.country, tax_id_type = excluded.tax_id_type,
                            tax_id_value = excluded.tax_id_value, tax_id_status = excluded.tax_id_status,
                            tax_exempt_reason = excluded.tax_exempt_reason, updated_at = excluded.updated_at
                        """)
                .param("id", details.accountId().value())
                .param("line1", address == null ? null : address.line1())
                .param("line2", address == null ? null : address.line2())
                .param("city", address == null ? null : address.city())
                .param("postal", address == null ? null : address.postalCode())
                .param("state", address == null ? null : address.state())
                .param("country", address == null ? null : address.country())
                .param("taxType", taxId == null ? null : taxId.type())
                .param("taxValue", taxId == null ? null : taxId.value())
                .param(
                        "taxStatus",
                        details.taxIdStatus() == null
                                ? null
                                : details.taxIdStatus().name())
                .param("exempt", details.taxExemptReason())
                .param("at", Timestamp.from(details.updatedAt()))
                .update();
    }

    /** An erased customer's street address goes; country and state stay, because past tax was decided from them. */
    public void erase(AccountId account) {
        jdbc.sql("""
                        update account_billing_details set address_line1 = null, address_line2 = null, city = null,
                            postal_code = null where account_id = :id
                        """).param("id", account.value()).update();
    }

    private static BillingDetails map(ResultSet rs, int row) throws SQLException {
        String country = rs.getString("country");
        String taxType = rs.getString("tax_id_type");
        String status = rs.getString("tax_id_status");
        return new BillingDetails(
                new AccountId(rs.getObject("account_id", UUID.class)),
                country == null
                        ? null
                        : new BillingAddress(
                                rs.getString("address_line1"),
                                rs.getString("address_line2"),
                                rs.getString("city"),
                                rs.getString("postal_code"),
                                rs.getString("state"),
                                country.trim()),
                taxType == null ? null : new TaxId(taxType, rs.getString("tax_id_value")),
                status == null ? null : BillingDetails.TaxIdStatus.valueOf(status),
                rs.getString("tax_exempt_reason"),
                rs.getTimestamp("updated_at").toInstant());
    }
}
