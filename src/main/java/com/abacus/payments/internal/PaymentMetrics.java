package com.abacus.payments.internal;

import com.abacus.payments.Processor;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The migration as metrics: dial percent, halt flag and accounts per processor (refreshed every 15 s from the
 * database, so every instance reports the same). Charge outcomes are counted where they happen
 * ({@code abacus.payments.attempts}).
 */
@Component
class PaymentMetrics {

    private final RoutingRepository routing;
    private final AtomicLong percent = new AtomicLong();
    private final AtomicLong halted = new AtomicLong();
    private final AtomicLong newCustomers = new AtomicLong();
    private final Map<Processor, AtomicLong> accounts = new EnumMap<>(Processor.class);

    PaymentMetrics(RoutingRepository routing, MeterRegistry registry) {
        this.routing = routing;
        Gauge.builder("abacus.payments.dial.percent", percent, AtomicLong::get).register(registry);
        Gauge.builder("abacus.payments.dial.halted", halted, AtomicLong::get)
                .description("1 when the new processor is halted")
                .register(registry);
        Gauge.builder("abacus.payments.dial.new_customers", newCustomers, AtomicLong::get)
                .register(registry);
        for (Processor processor : Processor.values()) {
            AtomicLong count = new AtomicLong();
            accounts.put(processor, count);
            Gauge.builder("abacus.payments.accounts", count, AtomicLong::get)
                    .tag("processor", processor.slug())
                    .register(registry);
        }
    }

    @Scheduled(fixedDelayString = "PT15S", initialDelayString = "PT5S")
    void refresh() {
        try {
            read();
        } catch (org.springframework.dao.DataAccessException e) {
            // Database briefly unavailable: keep the last values, try again on the next tick.
        }
    }

    private void read() {
        var dial = routing.dial();
        percent.set(dial.percent());
        halted.set(dial.halted() ? 1 : 0);
        newCustomers.set(dial.newCustomers() ? 1 : 0);
        var counts = routing.accountsPerProcessor();
        accounts.forEach((processor, count) -> count.set(counts.getOrDefault(processor, 0L)));
    }
}
