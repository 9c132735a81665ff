package com.abacus.subscriptions.internal;

import com.abacus.accounts.TestClockDeleted;
import com.abacus.shared.AccountRows;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A deleted test clock's accounts leave nothing here: removed in the deleting transaction (synchronous listener). */
@Component
class SubscriptionTestClockPurge {

    private final JdbcClient jdbc;

    SubscriptionTestClockPurge(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(TestClockDeleted event) {
        AccountRows.delete(jdbc, event.accounts(), STATEMENTS);
    }

    private static final List<String> STATEMENTS = List.of(
            "delete from subscription_addon where subscription_id in (select id from subscription where account_id in (:ids))",
            "delete from subscription_history where subscription_id in (select id from subscription where account_id in (:ids))",
            "delete from subscription where account_id in (:ids)",
            "delete from contract_price where account_id in (:ids)");
}
