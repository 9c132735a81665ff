package com.abacus.entitlements.internal;

import com.abacus.entitlements.internal.cache.ChangeSignal;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The change feed a service follows to keep its own copy of every account's entitlements: from a position, each
 * account's current snapshot in the order its changes committed, and the position to ask from next. When nothing has
 * changed it waits (a long poll) until something does or {@code wait} has passed, looking again on every change this
 * instance hears of and every {@link #RECHECK} (a change is served only once every older transaction has ended).
 */
@Component
public class EntitlementChanges {

    static final Duration RECHECK = Duration.ofMillis(200);

    private final ChangeFeedRepository feed;
    private final ChangeSignal signal;

    EntitlementChanges(ChangeFeedRepository feed, ChangeSignal signal) {
        this.feed = feed;
        this.signal = signal;
    }

    public ChangeFeedRepository.Page after(long position, int limit, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            ChangeFeedRepository.Page page = feed.after(position, limit);
            long left = deadline - System.nanoTime();
            if (!page.changes().isEmpty() || left <= 0) {
                return page;
            }
            signal.await(Duration.ofNanos(Math.min(left, RECHECK.toNanos())));
        }
    }

    public long latest() {
        return feed.latest();
    }
}
