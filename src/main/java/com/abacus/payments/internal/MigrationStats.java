package com.abacus.payments.internal;

import com.abacus.payments.MigrationState;
import com.abacus.payments.Processor;
import com.abacus.payments.ProcessorStats;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The migration dashboard's figures: per processor, accounts, attempts, success rate and volume in the window. */
@Component
public class MigrationStats {

    private final RoutingRepository routing;
    private final ProcessorAttempts attempts;
    private final PaymentMethodRepository methods;
    private final ProcessorRegistry processors;
    private final PaymentSettings settings;
    private final Clock clock;

    MigrationStats(
            RoutingRepository routing,
            ProcessorAttempts attempts,
            PaymentMethodRepository methods,
            ProcessorRegistry processors,
            PaymentSettings settings,
            Clock clock) {
        this.routing = routing;
        this.attempts = attempts;
        this.methods = methods;
        this.processors = processors;
        this.settings = settings;
        this.clock = clock;
    }

    public MigrationState state() {
        var since = clock.instant().minus(settings.statsWindow());
        var counts = attempts.attemptCounts(since);
        var accounts = routing.accountsPerProcessor();
        var volume = attempts.volume(since);
        List<ProcessorStats> stats = new ArrayList<>();
        for (Processor processor : Processor.values()) {
            var c = counts.getOrDefault(processor, new ProcessorAttempts.AttemptCounts(0, 0, 0));
            BigDecimal rate = c.attempts() == 0
                    ? null
                    : BigDecimal.valueOf(c.succeeded() * 100)
                            .divide(BigDecimal.valueOf(c.attempts()), 1, RoundingMode.HALF_UP);
            stats.add(new ProcessorStats(
                    processor,
                    processors.get(processor).adapter(),
                    accounts.getOrDefault(processor, 0L),
                    c.attempts(),
                    c.succeeded(),
                    c.errors(),
                    rate,
                    volume.getOrDefault(processor, Map.of())));
        }
        long[] progress = methods.migrationProgress();
        return new MigrationState(
                routing.dial(),
                stats,
                progress[0],
                progress[1],
                settings.statsWindow(),
                settings.halt().failurePercent());
    }
}
