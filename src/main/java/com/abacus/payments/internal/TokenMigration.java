package com.abacus.payments.internal;

import com.abacus.payments.Processor;
import com.abacus.payments.internal.PaymentMethodRepository.StoredMethod;
import com.abacus.payments.internal.processor.PaymentProcessor;
import java.time.Clock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Token migration: cards saved at the legacy processor are copied to the new one in batches and verified with a
 * zero-amount authorisation before any charge is routed there. One instance at a time.
 */
@Component
public class TokenMigration {

    private static final Logger log = LoggerFactory.getLogger(TokenMigration.class);

    private final PaymentMethodRepository methods;
    private final RoutingRepository routing;
    private final Router router;
    private final ProcessorRegistry processors;
    private final PaymentSettings settings;
    private final Clock clock;

    TokenMigration(
            PaymentMethodRepository methods,
            RoutingRepository routing,
            Router router,
            ProcessorRegistry processors,
            PaymentSettings settings,
            Clock clock) {
        this.methods = methods;
        this.routing = routing;
        this.router = router;
        this.processors = processors;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${abacus.payments.token-migration-interval:PT1M}",
            initialDelayString = "${abacus.payments.token-migration-interval:PT1M}")
    @SchedulerLock(name = "payments-token-migration", lockAtMostFor = "PT10M")
    public void migrateTokensScheduled() {
        migrateTokens();
    }

    /** Copies one batch of legacy cards to the new processor; returns how many were migrated. */
    public int migrateTokens() {
        PaymentProcessor target = processors.get(Processor.NEW);
        int migrated = 0;
        for (StoredMethod method : methods.awaitingMigration(settings.tokenMigrationBatch())) {
            try {
                var copy = target.importToken(method.legacyToken());
                if (!target.verify(copy.token(), "USD")) {
                    methods.markMigrationFailed(method.method().id(), "zero-amount verification failed");
                    continue;
                }
                methods.markMigrated(method.method().id(), copy.token(), clock.instant());
                migrated++;
            } catch (PaymentProcessor.ProcessorException e) {
                methods.markMigrationFailed(method.method().id(), e.code() + ": " + e.getMessage());
            }
        }
        if (migrated > 0) {
            routing.reassignAll(routing.dial(), clock.instant());
            router.dialChanged();
            log.info("Copied {} cards to the new processor", migrated);
        }
        return migrated;
    }
}
