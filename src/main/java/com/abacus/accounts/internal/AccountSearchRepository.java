package com.abacus.accounts.internal;

import com.abacus.accounts.Account;
import com.abacus.accounts.AccountQuery;
import com.abacus.shared.AccountId;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The console's account list: text, currency and an id set combined, sorted, counted. Real accounts and clock ones. */
@Repository
public class AccountSearchRepository {

    private final JdbcClient jdbc;

    AccountSearchRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Account> find(AccountQuery query) {
        if (query.among() != null && query.among().isEmpty()) {
            return List.of();
        }
        return params(
                        jdbc.sql("select " + AccountRepository.COLUMNS + " from account where " + where(query)
                                + " order by " + query.sort().orderBy() + " limit :limit offset :offset"),
                        query)
                .param("limit", query.limit())
                .param("offset", query.offset())
                .query(AccountRepository::map)
                .list();
    }

    public int count(AccountQuery query) {
        if (query.among() != null && query.among().isEmpty()) {
            return 0;
        }
        return params(jdbc.sql("select count(*) from account where " + where(query)), query)
                .query(Integer.class)
                .single();
    }

    private static String where(AccountQuery query) {
        String where = query.text().isEmpty()
                ? "true"
                : "(id::text = :q or lower(email) like :like or lower(name) like :like)";
        if (query.currency() != null) {
            where += " and currency = :currency";
        }
        if (query.among() != null) {
            where += " and id in (:among)";
        }
        return where;
    }

    private static JdbcClient.StatementSpec params(JdbcClient.StatementSpec sql, AccountQuery query) {
        sql = sql.param("q", query.text())
                .param("like", "%" + AccountRepository.escapeLike(query.text().toLowerCase()) + "%");
        if (query.currency() != null) {
            sql = sql.param("currency", query.currency());
        }
        if (query.among() != null) {
            sql = sql.param(
                    "among", query.among().stream().map(AccountId::value).toList());
        }
        return sql;
    }
}
