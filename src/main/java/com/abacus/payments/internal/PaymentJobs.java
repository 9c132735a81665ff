package com.abacus.payments.internal;

import com.abacus.payments.PaymentStatus;
import com.abacus.payments.internal.PaymentRepository.PaymentRow;
import com.abacus.payments.internal.processor.PaymentProcessor.ChargeOutcome;
import com.abacus.payments.internal.processor.PaymentProcessor.Result;
import java.time.Clock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Background work of the payments module, each job on one instance at a time:
 * <ul>
 *   <li>reconciliation: payments whose outcome is unknown (or a debit that should have settled) are looked up at the
 *       processor by our idempotency key and settled; nothing is charged again. Refunds left pending are re-sent
 *       ({@link PendingRefunds}); debits the bank reversed after settling are credited ({@link Reversals}).</li>
 * </ul>
 */
@Component
public class PaymentJobs {

    private static final Logger log = LoggerFactory.getLogger(PaymentJobs.class);

    private final UnsettledPayments unsettled;
    private final PendingRefunds pendingRefunds;
    private final ChargeLookups lookups;
    private final PaymentSettlement settlement;
    private final Reversals reversals;
    private final PaymentSettings settings;
    private final Clock clock;

    PaymentJobs(
            UnsettledPayments unsettled,
            PendingRefunds pendingRefunds,
            ChargeLookups lookups,
            PaymentSettlement settlement,
            Reversals reversals,
            PaymentSettings settings,
            Clock clock) {
        this.unsettled = unsettled;
        this.pendingRefunds = pendingRefunds;
        this.lookups = lookups;
        this.settlement = settlement;
        this.reversals = reversals;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${abacus.payments.reconcile-interval:PT30S}",
            initialDelayString = "${abacus.payments.reconcile-interval:PT30S}")
    @SchedulerLock(name = "payments-reconcile", lockAtMostFor = "PT5M")
    public void reconcileScheduled() {
        reconcile();
    }

    public java.util.Optional<java.time.Instant> nextDueOnClock(java.util.UUID testClockId, java.time.Instant after) {
        return java.util.stream.Stream.concat(
                        unsettled
                                .nextDueOnClock(
                                        testClockId, after, settings.reconcileAfter(), settings.abandonActionAfter())
                                .stream(),
                        lookups.nextEventOnClock(testClockId, after).stream())
                .min(java.time.Instant::compareTo);
    }

    /** @return how many payments and refunds were settled */
    public int reconcile() {
        int settled = 0;
        var cutoff = clock.instant().minus(settings.reconcileAfter());
        for (PaymentRow row : unsettled.unsettled(cutoff, clock.instant(), 500)) {
            var payment = row.payment();
            ChargeOutcome outcome = lookups.lookup(row);
            if (outcome.result() == Result.UNKNOWN || outcome.result() == Result.ERROR) {
                continue; // the processor cannot tell us yet; ask again next run
            }
            if (outcome.result() == Result.PROCESSING && payment.status() != PaymentStatus.PROCESSING) {
                // The debit was submitted, though its charging call never said so (the caller died, or timed out):
                // processing from now on, and its invoice "payment pending" at its next look.
                if (settlement.settle(payment, outcome)) {
                    settled++;
                }
                continue;
            }
            if (outcome.result() == Result.PROCESSING) {
                // The debit has not settled yet: asked again when the processor now expects to know.
                unsettled.postpone(
                        payment.id(),
                        outcome.settlesAt() != null
                                ? outcome.settlesAt()
                                : clock.instant().plus(settings.reconcileAfter()),
                        clock.instant());
                continue;
            }
            if (outcome.result() == Result.REQUIRES_ACTION) {
                boolean abandoned =
                        payment.createdAt().plus(settings.abandonActionAfter()).isBefore(clock.instant());
                if (!abandoned) {
                    continue;
                }
                outcome = new ChargeOutcome(
                        Result.DECLINED, outcome.processorReference(), "authentication_abandoned", null);
            }
            if (payment.status() == PaymentStatus.PENDING && outcome.result() == Result.NOT_FOUND) {
                log.warn("Payment {} never reached {}; marking failed", payment.id(), payment.processor());
            }
            if (settlement.settle(payment, outcome)) {
                settled++;
            }
        }
        settled += pendingRefunds.resend(cutoff);
        settled += reversals.collectReported();
        if (settled > 0) {
            log.info("Reconciled {} payments and refunds", settled);
        }
        return settled;
    }
}
