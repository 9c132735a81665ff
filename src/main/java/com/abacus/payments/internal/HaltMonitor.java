package com.abacus.payments.internal;

import com.abacus.payments.Processor;
import com.abacus.payments.ProcessorMigrationHalted;
import com.abacus.payments.internal.ProcessorAttempts.AttemptCounts;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Halts the migration when the new processor's failure rate (errors and timeouts per attempt, declines excluded)
 * passes the threshold over the window. Checked after each failed new-processor call, so a healthy processor costs
 * nothing. The halt freezes the dial and routes back to the legacy processor; raising the dial again needs a person.
 */
@Component
public class HaltMonitor {

    private static final Logger log = LoggerFactory.getLogger(HaltMonitor.class);

    private final RoutingRepository routing;
    private final ProcessorAttempts attempts;
    private final Router router;
    private final PaymentSettings settings;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    HaltMonitor(
            RoutingRepository routing,
            ProcessorAttempts attempts,
            Router router,
            PaymentSettings settings,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock) {
        this.routing = routing;
        this.attempts = attempts;
        this.router = router;
        this.settings = settings;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    public void newProcessorFailed() {
        var now = clock.instant();
        AttemptCounts counts = attempts.attemptCounts(now.minus(settings.halt().window()))
                .getOrDefault(Processor.NEW, new AttemptCounts(0, 0, 0));
        boolean overThreshold = counts.attempts() >= settings.halt().minAttempts()
                && counts.errors() * 100 > (long) settings.halt().failurePercent() * counts.attempts();
        if (!overThreshold) {
            return;
        }
        String reason = "New processor failed %d of %d attempts in the last %s (threshold %d%%)"
                .formatted(
                        counts.errors(),
                        counts.attempts(),
                        settings.halt().window(),
                        settings.halt().failurePercent());
        Boolean halted = transactions.execute(tx -> {
            if (!routing.halt(reason, now)) {
                return false;
            }
            routing.reassignAll(routing.dial(), now);
            events.publishEvent(new ProcessorMigrationHalted(Processor.NEW, counts.errors(), counts.attempts(), now));
            return true;
        });
        router.dialChanged();
        if (Boolean.TRUE.equals(halted)) {
            log.error("PROCESSOR MIGRATION HALTED: {}", reason);
        }
    }
}
