package com.abacus.testclocks;

import com.abacus.accounts.TestClock;
import com.abacus.accounts.TestClocks;
import com.abacus.invoicing.TestClockBilling;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Advancing a test clock: the clock moves from one due moment of its accounts to the next (a period end, a dunning
 * retry, a usage close, a lapsing trial) until it reaches the target, and at each moment the due work runs in the
 * clock's frame, as the scheduled jobs would have run it at that time. So advancing 14 months bills 14 periods, each
 * on its own date with its own usage. Each step waits for the listeners of what it set off before the clock moves on.
 * The call returns at once; the clock shows {@code ADVANCING} and how far it got, then {@code READY}.
 */
@Service
public class ClockAdvances {

    private static final Logger log = LoggerFactory.getLogger(ClockAdvances.class);

    private final TestClocks clocks;
    private final DueWork dueWork;
    private final TestClockSettings settings;
    private final TaskExecutor background;

    ClockAdvances(
            TestClocks clocks,
            DueWork dueWork,
            TestClockSettings settings,
            @Qualifier("applicationTaskExecutor") TaskExecutor background) {
        this.clocks = clocks;
        this.dueWork = dueWork;
        this.settings = settings;
        this.background = background;
    }

    /** Starts advancing the clock to {@code to} (only forward) and returns it, advancing. */
    public TestClock advance(UUID id, Instant to) {
        TestClock advancing = clocks.startAdvance(id, to);
        background.execute(() -> run(id));
        return advancing;
    }

    /** Takes up advances whose instance died (their clock stopped reporting progress). */
    @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
    void resumeStalled() {
        if (!settings.enabled()) {
            return;
        }
        for (UUID id : clocks.claimStalledAdvances(settings.stalledAfter())) {
            log.info("Resuming the advance of test clock {}, stalled on another instance", id);
            run(id);
        }
    }

    /** Runs the advance to its end. Safe to repeat from any point: every step's work is idempotent. */
    void run(UUID id) {
        TestClock clock = clocks.get(id);
        Instant target = clock.advanceTo();
        if (target == null) {
            return;
        }
        Instant from = clock.frozenTime();
        Tally tally = new Tally();
        try {
            // The work due at the clock's own time first (done already unless an earlier advance was cut short).
            Instant at = from;
            tally.add(dueWork.runAt(id, at));
            clocks.reached(id, at);
            while (at.isBefore(target)) {
                Instant next = dueWork.nextAfter(id, at)
                        .filter(due -> due.isBefore(target))
                        .orElse(target);
                tally.add(dueWork.runAt(id, next));
                clocks.reached(id, next);
                at = next;
            }
            clocks.finish(id, tally.summary(from, target));
            log.info("Test clock {} advanced to {}: {}", id, target, tally.summary(from, target));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // Left ADVANCING: resumeStalled takes it up again once the heartbeat is old.
            log.error("Advance of test clock {} failed at a step; it will be resumed", id, e);
        }
    }

    /** What an advance did, for the clock's "last advance" line. */
    private static final class Tally {
        private static final java.time.format.DateTimeFormatter AT = java.time.format.DateTimeFormatter.ofPattern(
                        "yyyy-MM-dd HH:mm 'UTC'", java.util.Locale.ENGLISH)
                .withZone(java.time.ZoneOffset.UTC);

        private long steps;
        private long renewed;
        private long canceled;
        private long invoiced;
        private long paid;
        private long failed;
        private long entitlementChanges;

        void add(DueWork.Done step) {
            TestClockBilling.Done done = step.billing();
            int changed = step.entitlementChanges();
            steps++;
            renewed += done.renewed();
            canceled += done.canceled();
            invoiced += done.invoiced();
            paid += done.paid();
            failed += done.failed();
            entitlementChanges += changed;
        }

        String summary(Instant from, Instant to) {
            return "%s → %s in %d steps: %d invoices issued, %d payments succeeded, %d failed; %d renewals, %d cancellations, %d entitlement changes"
                    .formatted(
                            AT.format(from),
                            AT.format(to),
                            steps,
                            invoiced,
                            paid,
                            failed,
                            renewed,
                            canceled,
                            entitlementChanges);
        }
    }
}
