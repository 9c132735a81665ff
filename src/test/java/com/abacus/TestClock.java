package com.abacus;

import com.abacus.shared.SimulatedTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand: billing dates arrive when the test says so, never by sleeping. */
public class TestClock extends Clock {

    private volatile Instant fixed;

    public void set(Instant instant) {
        this.fixed = instant;
    }

    public void advance(Duration duration) {
        this.fixed = base().plus(duration);
    }

    /** Back to real time. */
    public void reset() {
        this.fixed = null;
    }

    /** The test's time, unless the calling thread runs for a test clock's accounts (then that clock's time). */
    @Override
    public Instant instant() {
        return SimulatedTime.now(Clock.fixed(base(), ZoneOffset.UTC));
    }

    private Instant base() {
        Instant now = fixed;
        return now == null ? Instant.now() : now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        TestClock parent = this;
        return new Clock() {
            @Override
            public Instant instant() {
                return parent.instant();
            }

            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return parent.withZone(other);
            }
        };
    }
}
