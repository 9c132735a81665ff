package com.abacus.shared.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The outbox while the application runs: a listener that failed (a database blip, a processor timeout) is tried again
 * a minute later, up to {@code abacus.events.max-attempts} times, on one instance at a time; publications that stay
 * incomplete are counted for the alert rules ({@code abacus_events_outstanding}, {@code abacus_events_failed},
 * {@code abacus_events_oldest_outstanding_seconds}). Publications left in progress by an instance that died are marked
 * failed by Modulith's staleness check ({@code spring.modulith.events.staleness.*}) and so are retried here too.
 */
@Component
class EventPublicationMonitor {

    private static final Logger log = LoggerFactory.getLogger(EventPublicationMonitor.class);

    private final FailedEventPublications failed;
    private final JdbcClient jdbc;
    private final int maxAttempts;
    private final AtomicLong outstanding = new AtomicLong();
    private final AtomicLong failedCount = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();

    EventPublicationMonitor(
            FailedEventPublications failed,
            JdbcClient jdbc,
            MeterRegistry registry,
            @Value("${abacus.events.max-attempts:10}") int maxAttempts) {
        this.failed = failed;
        this.jdbc = jdbc;
        this.maxAttempts = maxAttempts;
        Gauge.builder("abacus.events.outstanding", outstanding, AtomicLong::get)
                .description("Event publications not yet completed by their listener")
                .register(registry);
        Gauge.builder("abacus.events.failed", failedCount, AtomicLong::get)
                .description("Event publications whose listener failed")
                .register(registry);
        Gauge.builder("abacus.events.oldest.outstanding", oldestSeconds, AtomicLong::get)
                .baseUnit("seconds")
                .description("Age of the oldest incomplete event publication")
                .register(registry);
    }

    @Scheduled(
            fixedDelayString = "${abacus.events.retry-interval:PT1M}",
            initialDelayString = "${abacus.events.retry-interval:PT1M}")
    @SchedulerLock(name = "events-retry", lockAtMostFor = "PT10M")
    public void retryFailed() {
        failed.resubmit(ResubmissionOptions.defaults()
                .withMinAge(Duration.ofMinutes(1))
                .withBatchSize(500)
                .withFilter(publication -> {
                    boolean retry = publication.getCompletionAttempts() < maxAttempts;
                    if (retry) {
                        log.info(
                                "Retrying event {} (attempt {})",
                                publication.getEvent().getClass().getSimpleName(),
                                publication.getCompletionAttempts() + 1);
                    }
                    return retry;
                }));
    }

    @Scheduled(fixedDelayString = "PT15S", initialDelayString = "PT5S")
    void count() {
        try {
            jdbc.sql("""
                    select count(*) as outstanding, count(*) filter (where status = 'FAILED') as failed,
                           coalesce(extract(epoch from now() - min(publication_date)), 0)::bigint as oldest
                    from event_publication where completion_date is null
                    """)
                    .query((rs, n) -> {
                        outstanding.set(rs.getLong("outstanding"));
                        failedCount.set(rs.getLong("failed"));
                        oldestSeconds.set(rs.getLong("oldest"));
                        return null;
                    })
                    .list();
        } catch (RuntimeException e) {
            log.debug("Could not count event publications: {}", e.getMessage());
        }
    }
}
