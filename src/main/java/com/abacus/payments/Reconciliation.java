package com.abacus.payments;

import com.abacus.payments.internal.PaymentJobs;
import org.springframework.stereotype.Service;

/**
 * Settles what the processors have not told us yet: payments whose outcome is unknown (looked up by their key, never
 * charged again) and refunds left pending. Runs on its own schedule; this runs it now.
 */
@Service
public class Reconciliation {

    private final PaymentJobs jobs;

    Reconciliation(PaymentJobs jobs) {
        this.jobs = jobs;
    }

    /** @return how many payments and refunds were settled (of this thread's time: real, or a test clock's) */
    public int reconcileNow() {
        return jobs.reconcile();
    }

    /** When a test clock's unsettled payments are next due for a lookup or for abandonment. */
    public java.util.Optional<java.time.Instant> nextDueOnTestClock(
            java.util.UUID testClockId, java.time.Instant after) {
        return jobs.nextDueOnClock(testClockId, after);
    }
}
