package com.abacus.payments.internal;

import com.abacus.payments.Processor;
import com.abacus.shared.AccountId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Counts over real accounts' payments and cards, for the console's dashboard and account filters. */
@Repository
public class PaymentStatisticsRepository {

    private final JdbcClient jdbc;

    PaymentStatisticsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long failedBetween(Instant from, Instant to) {
        return jdbc.sql("select count(*) from payment where status = 'FAILED' and test_clock_id is null"
                        + " and created_at >= :from and created_at < :to")
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query(Long.class)
                .single();
    }

    /** Accounts whose default card is kept at this processor (the new one once its token was copied there). */
    public Set<AccountId> accountsWithDefaultCardAt(Processor processor, int limit) {
        Set<AccountId> accounts = new LinkedHashSet<>();
        jdbc.sql("select account_id from payment_method where is_default and removed_at is null and "
                        + (processor == Processor.NEW ? "new_token is not null" : "new_token is null")
                        + " limit :limit")
                .param("limit", limit)
                .query(rs -> {
                    accounts.add(new AccountId(rs.getObject("account_id", UUID.class)));
                });
        return accounts;
    }
}
