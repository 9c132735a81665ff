package com.abacus.shared;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Removing a module's rows of some accounts (a deleted test clock's): each statement binds the ids as {@code :ids}. */
public final class AccountRows {

    private AccountRows() {}

    public static void delete(JdbcClient jdbc, List<AccountId> accounts, List<String> statements) {
        if (accounts.isEmpty()) {
            return;
        }
        List<java.util.UUID> ids = accounts.stream().map(AccountId::value).toList();
        for (String statement : statements) {
            jdbc.sql(statement).param("ids", ids).update();
        }
    }
}
