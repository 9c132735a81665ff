package com.abacus.subscriptions;

import com.abacus.catalog.Catalog;
import com.abacus.catalog.Plan;
import com.abacus.shared.InvalidInputException;
import com.abacus.subscriptions.internal.SubscriptionRepository;
import java.time.Clock;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Ending grandfathering: a plan's live subscriptions move from one catalog version to a newer one. */
@Service
public class CatalogMigrations {

    private final SubscriptionRepository subscriptions;
    private final Catalog catalog;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CatalogMigrations(
            SubscriptionRepository subscriptions, Catalog catalog, ApplicationEventPublisher events, Clock clock) {
        this.subscriptions = subscriptions;
        this.catalog = catalog;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Moves live subscriptions of a plan from one catalog version to another (grandfathering ends). Each moves to the
     * new version's price in its own currency from its next renewal; accounts with a contract price keep it.
     */
    @Transactional
    public int migrateToVersion(String planCode, int fromVersion, int toVersion, String by) {
        if (toVersion <= fromVersion) {
            throw new InvalidInputException("toVersion", "must be newer than " + fromVersion);
        }
        Plan target = catalog.version(toVersion)
                .plan(planCode)
                .orElseThrow(
                        () -> new InvalidInputException("plan", planCode + " does not exist in version " + toVersion));
        Instant now = clock.instant();
        int moved = 0;
        for (var price : target.prices().entrySet()) {
            moved += subscriptions.migrateVersion(
                    planCode, fromVersion, toVersion, price.getValue().minor(), price.getKey(), now);
        }
        events.publishEvent(new SubscriptionsMigrated(planCode, fromVersion, toVersion, moved, by, now));
        return moved;
    }
}
