package com.abacus.shared;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The time work runs at when it belongs to accounts on a test clock. A test clock's accounts live on its frozen time:
 * their requests, the due work an advance runs for them and everything those set off (listeners on other threads
 * included) see the clock's time through the application's {@link Clock}, so billing code has one "now" and never asks
 * which kind of account it serves. Work outside a frame runs on real time and, where it selects due work, sees only
 * real accounts ({@link #scope()}).
 */
public final class SimulatedTime {

    /**
     * A test clock at one instant: the "now" of the work running inside it. A frame without a clock runs real accounts'
     * work at another instant, for a what-if that is rolled back (the upcoming-invoice preview).
     */
    public record Frame(@Nullable UUID testClockId, Instant now) {}

    private static final ThreadLocal<Frame> CURRENT = new ThreadLocal<>();

    private SimulatedTime() {}

    public static Optional<Frame> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Runs {@code work} at the frame's time; the frame before it (usually none) is restored after. */
    public static <T> T at(Frame frame, Supplier<T> work) {
        Frame before = CURRENT.get();
        CURRENT.set(frame);
        try {
            return work.get();
        } finally {
            restore(before);
        }
    }

    public static void run(Frame frame, Runnable work) {
        at(frame, () -> {
            work.run();
            return null;
        });
    }

    /**
     * The task, carrying the frame of the thread that hands it over (an event listener started after a commit, a
     * background job): asynchronous work set off by a test clock's account stays on the clock's time.
     */
    public static Runnable carried(Runnable task) {
        Frame frame = CURRENT.get();
        if (frame == null) {
            return task;
        }
        return () -> run(frame, task);
    }

    /**
     * Which accounts due-work selection sees here: inside a frame the frame's test clock's accounts only, outside any
     * frame only the accounts on no test clock. The scheduled jobs therefore never touch a clock's accounts, and an
     * advance never touches anyone else's.
     */
    public static Scope scope() {
        Frame frame = CURRENT.get();
        return frame == null || frame.testClockId() == null ? Scope.REAL : new Scope(frame.testClockId());
    }

    /** A selection of accounts by their test clock: {@code testClockId} null means the accounts on no clock. */
    public record Scope(@Nullable UUID testClockId) {

        public static final Scope REAL = new Scope(null);

        /** The SQL condition on a {@code test_clock_id} column; bind {@link #testClockId()} as {@code :testClock}. */
        public String condition(String column) {
            return testClockId == null ? column + " is null" : column + " = :testClock";
        }
    }

    /** The application's clock: the frame's time inside a frame, else the underlying clock's. */
    public static Clock clock(Clock underlying) {
        return new FrameClock(underlying, ZoneOffset.UTC);
    }

    /** What a clock answers: the frame's instant if the calling thread runs in one, else {@code underlying}'s. */
    public static Instant now(Clock underlying) {
        Frame frame = CURRENT.get();
        return frame == null ? underlying.instant() : frame.now();
    }

    private static void restore(@Nullable Frame before) {
        if (before == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(before);
        }
    }

    private static final class FrameClock extends Clock {

        private final Clock underlying;
        private final ZoneId zone;

        FrameClock(Clock underlying, ZoneId zone) {
            this.underlying = underlying;
            this.zone = zone;
        }

        @Override
        public Instant instant() {
            return now(underlying);
        }

        @Override
        public long millis() {
            return instant().toEpochMilli();
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new FrameClock(underlying, other);
        }
    }
}
