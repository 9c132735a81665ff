package com.abacus.testclocks;

import com.abacus.entitlements.TestClockEntitlements;
import com.abacus.invoicing.TestClockBilling;
import com.abacus.payments.Reconciliation;
import com.abacus.shared.SimulatedTime;
import com.abacus.shared.events.EventBacklog;
import com.abacus.subscriptions.Subscriptions;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A clock's due work at one moment, in its frame: what the processors have not settled, the invoice run's work, the
 * entitlements that lapse, and then the listeners all of it set off. And the next moment anything falls due.
 */
@Component
class DueWork {

    private static final Logger log = LoggerFactory.getLogger(DueWork.class);

    /** What one moment's work did. */
    record Done(TestClockBilling.Done billing, int entitlementChanges) {}

    private final Subscriptions subscriptions;
    private final TestClockBilling billing;
    private final TestClockEntitlements entitlements;
    private final Reconciliation reconciliation;
    private final EventBacklog backlog;
    private final TestClockSettings settings;

    DueWork(
            Subscriptions subscriptions,
            TestClockBilling billing,
            TestClockEntitlements entitlements,
            Reconciliation reconciliation,
            EventBacklog backlog,
            TestClockSettings settings) {
        this.subscriptions = subscriptions;
        this.billing = billing;
        this.entitlements = entitlements;
        this.reconciliation = reconciliation;
        this.backlog = backlog;
        this.settings = settings;
    }

    /** The work due at {@code at} for the clock's accounts, in the clock's frame, and the listeners it set off. */
    Done runAt(UUID id, Instant at) throws InterruptedException {
        SimulatedTime.Frame frame = new SimulatedTime.Frame(id, at);
        // What the processors have not settled yet, at the clock's time (a 3-D Secure charge never authenticated fails
        // a
        // day after it was made), then billing, then the entitlements that lapse.
        SimulatedTime.at(frame, reconciliation::reconcileNow);
        TestClockBilling.Done done = SimulatedTime.at(frame, () -> {
            try {
                return billing.runDue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        });
        int changed = SimulatedTime.at(frame, entitlements::expireDue);
        if (!backlog.awaitDrained(at, settings.listenerWait())) {
            log.warn("Test clock {} moves on from {} with listeners still busy", id, at);
        }
        return new Done(done, changed);
    }

    /**
     * The first moment after {@code after} at which something is due for the clock's accounts. Work still due at or
     * before {@code after} was tried at that step (and failed, or is waiting for a verdict); it is tried again at the
     * next step rather than holding the clock at one instant.
     */
    Optional<Instant> nextAfter(UUID id, Instant after) {
        return Stream.of(
                        subscriptions.nextDueOnTestClock(id, after),
                        billing.nextDue(id, after),
                        entitlements.nextChange(id, after),
                        reconciliation.nextDueOnTestClock(id, after))
                .flatMap(Optional::stream)
                .min(Instant::compareTo);
    }
}
