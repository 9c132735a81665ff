package com.abacus.payments.internal;

import com.abacus.payments.MigrationDial;
import com.abacus.payments.PaymentMethodType;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The methods the new processor is halted for alone, beside the dial, as a comma-separated list of their names. */
@Repository
public class HaltedMethodsRepository {

    private final JdbcClient jdbc;
    private final RoutingRepository routing;

    HaltedMethodsRepository(JdbcClient jdbc, RoutingRepository routing) {
        this.jdbc = jdbc;
        this.routing = routing;
    }

    static Set<PaymentMethodType> parse(String list) {
        var methods = EnumSet.noneOf(PaymentMethodType.class);
        for (String name : list.split(",")) {
            if (!name.isBlank()) {
                methods.add(PaymentMethodType.valueOf(name.trim()));
            }
        }
        return java.util.Collections.unmodifiableSet(methods);
    }

    /**
     * Halts or resumes the new processor for one method; logged as a change of the dial.
     *
     * @return false when the method was halted (resumed) already
     */
    public boolean setMethodHalted(PaymentMethodType method, boolean halted, String by, String reason, Instant now) {
        MigrationDial dial = routing.dial();
        var methods = EnumSet.noneOf(PaymentMethodType.class);
        methods.addAll(dial.haltedMethods());
        if (!(halted ? methods.add(method) : methods.remove(method))) {
            return false;
        }
        String list = String.join(",", methods.stream().map(Enum::name).toList());
        int updated = jdbc.sql(
                        "update migration_dial set halted_methods = :methods, updated_by = :by, updated_at = :now"
                                + " where id = 1 and halted_methods = :before")
                .param("methods", list)
                .param(
                        "before",
                        String.join(
                                ",",
                                dial.haltedMethods().stream().map(Enum::name).toList()))
                .param("by", by)
                .param("now", Timestamp.from(now))
                .update();
        if (updated == 0) {
            return false; // someone else changed them in between: their change stands
        }
        jdbc.sql("""
                        insert into migration_dial_change (new_customers, percent, halted, changed_by, reason, changed_at, halted_methods)
                        values (:nc, :percent, :halted, :by, :reason, :now, :methods)
                        """)
                .param("nc", dial.newCustomers())
                .param("percent", dial.percent())
                .param("halted", dial.halted())
                .param("by", by)
                .param("reason", reason)
                .param("now", Timestamp.from(now))
                .param("methods", list)
                .update();
        return true;
    }
}
