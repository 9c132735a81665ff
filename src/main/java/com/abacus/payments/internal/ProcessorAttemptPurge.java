package com.abacus.payments.internal;

import java.time.Clock;
import java.time.Duration;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Processor attempts older than the dashboard's window (and a day) are no longer read: deleted hourly. */
@Component
class ProcessorAttemptPurge {

    private final ProcessorAttempts attempts;
    private final PaymentSettings settings;
    private final Clock clock;

    ProcessorAttemptPurge(ProcessorAttempts attempts, PaymentSettings settings, Clock clock) {
        this.attempts = attempts;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
    @SchedulerLock(name = "payments-attempt-purge")
    void purgeOldAttempts() {
        attempts.purgeAttemptsBefore(
                clock.instant().minus(settings.statsWindow()).minus(Duration.ofDays(1)));
    }
}
