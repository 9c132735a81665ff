package com.abacus.payments.internal;

import com.abacus.payments.Processor;
import com.abacus.payments.internal.ProcessorAttempts.AttemptCounts;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Halts the migration when the new processor's failure rate (errors and timeouts per attempt, declines excluded)
 * passes the threshold over the window. Checked after each failed new-processor call, so a healthy processor costs
 * nothing. Over all methods, the whole dial halts; when only one method fails (PayPal down at the new processor while
 * its cards are well), only that method is halted, if the legacy slot takes it too. The halt routes back to the legacy
 * processor; raising the dial again, or resuming the method, needs a person.
 */
@Component
public class HaltMonitor {

    private static final Logger log = LoggerFactory.getLogger(HaltMonitor.class);

    private final ProcessorAttempts attempts;
    private final Halts halts;
    private final PaymentSettings settings;
    private final Clock clock;

    HaltMonitor(ProcessorAttempts attempts, Halts halts, PaymentSettings settings, Clock clock) {
        this.attempts = attempts;
        this.halts = halts;
        this.settings = settings;
        this.clock = clock;
    }

    public void newProcessorFailed() {
        var since = clock.instant().minus(settings.halt().window());
        AttemptCounts counts = attempts.attemptCounts(since).getOrDefault(Processor.NEW, new AttemptCounts(0, 0, 0));
        if (overThreshold(counts)) {
            String reason = reason("New processor", counts);
            if (halts.haltAll(reason, counts)) {
                log.error("PROCESSOR MIGRATION HALTED: {}", reason);
            }
            return;
        }
        attempts.attemptCountsByMethod(Processor.NEW, since).forEach((method, byMethod) -> {
            if (overThreshold(byMethod) && halts.bothSlotsTake(method)) {
                String reason = reason("New processor's " + method.wire() + " charges", byMethod);
                if (halts.haltMethod(method, "halt-monitor", reason, byMethod)) {
                    log.error("PROCESSOR MIGRATION HALTED FOR {}: {}", method.wire(), reason);
                }
            }
        });
    }

    private boolean overThreshold(AttemptCounts counts) {
        return counts.attempts() >= settings.halt().minAttempts()
                && counts.errors() * 100 > (long) settings.halt().failurePercent() * counts.attempts();
    }

    private String reason(String what, AttemptCounts counts) {
        return "%s failed %d of %d attempts in the last %s (threshold %d%%)"
                .formatted(
                        what,
                        counts.errors(),
                        counts.attempts(),
                        settings.halt().window(),
                        settings.halt().failurePercent());
    }
}
