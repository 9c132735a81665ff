package com.abacus.entitlements.internal;

import com.abacus.accounts.TestClockDeleted;
import com.abacus.shared.AccountRows;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A deleted test clock's accounts leave nothing here: removed in the deleting transaction (synchronous listener). */
@Component
class EntitlementTestClockPurge {

    private final JdbcClient jdbc;

    EntitlementTestClockPurge(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(TestClockDeleted event) {
        AccountRows.delete(jdbc, event.accounts(), STATEMENTS);
    }

    private static final List<String> STATEMENTS = List.of(
            "delete from trial_grant where account_id in (:ids)",
            "delete from entitlement_override where account_id in (:ids)",
            "delete from entitlement_snapshot where account_id in (:ids)");
}
