package com.abacus.subscriptions.internal;

import com.abacus.shared.AccountId;
import com.abacus.shared.Money;
import com.abacus.subscriptions.ContractPrice;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Account-specific plan prices (enterprise contracts), one per account, plan and currency. */
@Repository
public class ContractPriceRepository {

    private final JdbcClient jdbc;

    ContractPriceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void upsertContract(ContractPrice contract) {
        jdbc.sql("""
                        insert into contract_price (account_id, plan_code, currency, price_minor, terms, valid_until, created_by, created_at)
                        values (:account, :plan, :currency, :price, :terms, :validUntil, :by, :at)
                        on conflict (account_id, plan_code, currency) do update set price_minor = excluded.price_minor,
                            terms = excluded.terms, valid_until = excluded.valid_until, created_by = excluded.created_by,
                            created_at = excluded.created_at
                        """)
                .param("account", contract.accountId().value())
                .param("plan", contract.planCode())
                .param("currency", contract.price().currencyCode())
                .param("price", contract.price().minor())
                .param("terms", contract.terms())
                .param("validUntil", contract.validUntil() == null ? null : Date.valueOf(contract.validUntil()))
                .param("by", contract.createdBy())
                .param("at", Timestamp.from(contract.createdAt()))
                .update();
    }

    public List<ContractPrice> contracts(AccountId account) {
        return jdbc.sql("""
                        select account_id, plan_code, currency, price_minor, terms, valid_until, created_by, created_at
                        from contract_price where account_id = :account order by plan_code, currency
                        """)
                .param("account", account.value())
                .query((rs, n) -> new ContractPrice(
                        new AccountId(rs.getObject("account_id", UUID.class)),
                        rs.getString("plan_code"),
                        Money.ofMinor(rs.getLong("price_minor"), rs.getString("currency")),
                        rs.getString("terms"),
                        rs.getDate("valid_until") == null
                                ? null
                                : rs.getDate("valid_until").toLocalDate(),
                        rs.getString("created_by"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }
}
