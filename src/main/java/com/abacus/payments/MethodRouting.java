package com.abacus.payments;

import com.abacus.payments.internal.PaymentSettings;
import com.abacus.payments.internal.RoutingRepository;
import com.abacus.payments.internal.SlotCapabilities;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The migration dashboard split by payment method: what each slot is configured to take, and per slot and method the
 * charges of the stats window, how many succeeded, and how many went to the slot only because the other cannot take
 * the method ("routed by method").
 */
@Service
public class MethodRouting {

    /**
     * @param takes whether the slot is configured to take the method; {@code currencies} empty: every currency
     * @param halted the new slot's row: the new processor is halted for this method (alone or with the whole dial)
     * @param haltable the new slot's row: both slots take the method, so it can be halted alone
     */
    public record Row(
            Processor processor,
            PaymentMethodType method,
            boolean takes,
            Set<String> currencies,
            long charges,
            long succeeded,
            long routedByMethod,
            boolean halted,
            boolean haltable) {}

    private final SlotCapabilities capabilities;
    private final JdbcClient jdbc;
    private final PaymentSettings settings;
    private final Clock clock;
    private final RoutingRepository routing;

    MethodRouting(
            SlotCapabilities capabilities,
            JdbcClient jdbc,
            PaymentSettings settings,
            Clock clock,
            RoutingRepository routing) {
        this.capabilities = capabilities;
        this.routing = routing;
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** Every slot and method, in that order, over the stats window (real payments only, not test clocks'). */
    public List<Row> rows() {
        Map<String, long[]> counts = new HashMap<>();
        jdbc.sql("""
                        select processor, method_type, count(*) as charges,
                               count(*) filter (where status = 'SUCCEEDED') as succeeded,
                               count(*) filter (where routed_by_method) as routed
                        from payment where created_at >= :since and test_clock_id is null
                        group by processor, method_type
                        """)
                .param("since", Timestamp.from(clock.instant().minus(settings.statsWindow())))
                .query(rs -> {
                    counts.put(
                            rs.getString("processor") + "/" + rs.getString("method_type"),
                            new long[] {rs.getLong("charges"), rs.getLong("succeeded"), rs.getLong("routed")});
                });
        List<Row> rows = new ArrayList<>();
        MigrationDial dial = routing.dial();
        for (Processor slot : Processor.values()) {
            for (PaymentMethodType method : PaymentMethodType.values()) {
                long[] c = counts.getOrDefault(slot.name() + "/" + method.name(), new long[3]);
                rows.add(new Row(
                        slot,
                        method,
                        capabilities.takes(slot, method, null),
                        capabilities.currencies(slot),
                        c[0],
                        c[1],
                        c[2],
                        slot == Processor.NEW && dial.haltedFor(method),
                        slot == Processor.NEW
                                && capabilities.takes(Processor.LEGACY, method, null)
                                && capabilities.takes(Processor.NEW, method, null)));
            }
        }
        return rows;
    }
}
