package com.abacus.entitlements;

import com.abacus.entitlements.internal.EntitlementJobs;
import com.abacus.entitlements.internal.EntitlementRepository;
import com.abacus.shared.SimulatedTime;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Entitlements of a test clock's accounts over simulated time: trials, overrides and grace periods lapse when the
 * clock passes them (the scheduled expiry job never sees these accounts).
 */
@Service
public class TestClockEntitlements {

    private final EntitlementJobs jobs;
    private final EntitlementRepository repository;

    TestClockEntitlements(EntitlementJobs jobs, EntitlementRepository repository) {
        this.jobs = jobs;
        this.repository = repository;
    }

    /** Recomputes the frame's clock's accounts whose entitlements change by the frame's time; how many. */
    public int expireDue() {
        if (SimulatedTime.current().isEmpty()) {
            throw new IllegalStateException("Test clock entitlements are recomputed in a test clock's frame");
        }
        return jobs.expireDue();
    }

    public Optional<Instant> nextChange(UUID testClockId, Instant after) {
        return repository.nextChangeOnClock(testClockId, after);
    }
}
