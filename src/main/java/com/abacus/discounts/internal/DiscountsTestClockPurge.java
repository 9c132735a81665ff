package com.abacus.discounts.internal;

import com.abacus.accounts.TestClockDeleted;
import com.abacus.shared.AccountRows;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A deleted test clock's accounts leave no redemptions (their uses stay counted: the codes were used). */
@Component
class DiscountsTestClockPurge {

    private final JdbcClient jdbc;

    DiscountsTestClockPurge(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(TestClockDeleted event) {
        AccountRows.delete(jdbc, event.accounts(), STATEMENTS);
    }

    private static final List<String> STATEMENTS = List.of("delete from redemption where account_id in (:ids)");
}
