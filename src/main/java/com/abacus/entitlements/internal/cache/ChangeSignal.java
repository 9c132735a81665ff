package com.abacus.entitlements.internal.cache;

import java.time.Duration;

/**
 * Wakes the change feed's long polls when a snapshot changes: committed on this instance, or announced by another
 * through Redis. A wake-up only means "look again": the feed reads what changed from PostgreSQL.
 */
public final class ChangeSignal {

    private long changes;

    public synchronized void signal() {
        changes++;
        notifyAll();
    }

    /** Waits until the next signal or {@code timeout}, whichever comes first. */
    public synchronized void await(Duration timeout) throws InterruptedException {
        long seen = changes;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (changes == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
