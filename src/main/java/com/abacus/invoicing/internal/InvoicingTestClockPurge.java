package com.abacus.invoicing.internal;

import com.abacus.accounts.TestClockDeleted;
import com.abacus.shared.AccountRows;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A deleted test clock's accounts leave nothing here: removed in the deleting transaction (synchronous listener). */
@Component
class InvoicingTestClockPurge {

    private final JdbcClient jdbc;

    InvoicingTestClockPurge(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(TestClockDeleted event) {
        AccountRows.delete(jdbc, event.accounts(), STATEMENTS);
    }

    private static final List<String> STATEMENTS = List.of(
            "delete from invoice_line where invoice_id in (select id from invoice where account_id in (:ids))",
            "delete from credit_note where account_id in (:ids)",
            "delete from invoice where account_id in (:ids)",
            "delete from usage_event where account_id in (:ids)",
            "delete from usage_billing where account_id in (:ids)");
}
