package com.abacus.contracts.internal;

import com.abacus.accounts.TestClockDeleted;
import com.abacus.shared.AccountRows;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A deleted test clock's accounts leave no quotes or contracts: removed in the deleting transaction. */
@Component
class ContractsTestClockPurge {

    private final JdbcClient jdbc;

    ContractsTestClockPurge(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(TestClockDeleted event) {
        AccountRows.delete(jdbc, event.accounts(), STATEMENTS);
    }

    private static final List<String> STATEMENTS = List.of(
            "delete from contract where account_id in (:ids)", "delete from contract_quote where account_id in (:ids)");
}
