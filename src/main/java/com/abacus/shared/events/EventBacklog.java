package com.abacus.shared.events;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How far the listeners are behind on the events of one moment. Events are stamped with the publishing thread's time,
 * so what a test clock's work at instant {@code t} set off is exactly the unfinished publications stamped {@code t}
 * (completed publications are deleted): an advance waits for them before it moves the clock on.
 */
@Component
public class EventBacklog {

    private final JdbcClient jdbc;

    EventBacklog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long unfinishedStampedAt(Instant at) {
        return jdbc.sql(
                        "select count(*) from event_publication where publication_date = :at and completion_date is null")
                .param("at", Timestamp.from(at))
                .query(Long.class)
                .single();
    }

    /** Waits until nothing stamped {@code at} is unfinished, or {@code atMost} passed; true if it drained. */
    public boolean awaitDrained(Instant at, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (unfinishedStampedAt(at) > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
