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

    /** @return how many payments and refunds were settled */
    public int reconcileNow() {
        return jobs.reconcile();
    }
}
