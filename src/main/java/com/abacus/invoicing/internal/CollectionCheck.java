package com.abacus.invoicing.internal;

import com.abacus.invoicing.InvoiceId;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The consistency check of collection: every issued, unpaid invoice must have a date at which collection looks at it
 * again (its charge's verdict is awaited, or a dunning retry is scheduled). One without (a bug, or a row changed by
 * hand) is made collectible now, so the next invoice run takes it; one whose date passed long ago means the invoice
 * runs are not collecting. Both are counted in the metrics {@code abacus.invoices.stranded} and
 * {@code abacus.invoices.collection.overdue}, each with an alert.
 */
@Component
public class CollectionCheck {

    private static final Logger log = LoggerFactory.getLogger(CollectionCheck.class);

    private final CollectionQueue collectionQueue;
    private final InvoicingSettings settings;
    private final Clock clock;
    private final AtomicLong stranded = new AtomicLong();
    private final AtomicLong overdue = new AtomicLong();

    CollectionCheck(CollectionQueue collectionQueue, InvoicingSettings settings, Clock clock, MeterRegistry meters) {
        this.collectionQueue = collectionQueue;
        this.settings = settings;
        this.clock = clock;
        Gauge.builder("abacus.invoices.stranded", stranded, AtomicLong::get)
                .description(
                        "Issued unpaid invoices with no payment in flight and no retry date, at the last collection check")
                .register(meters);
        Gauge.builder("abacus.invoices.collection.overdue", overdue, AtomicLong::get)
                .description(
                        "Issued unpaid invoices whose collection date passed more than collection-overdue-after ago")
                .register(meters);
    }

    @Scheduled(
            fixedDelayString = "${abacus.invoicing.collection-check-interval:PT5M}",
            initialDelayString = "${abacus.invoicing.collection-check-interval:PT5M}")
    @SchedulerLock(name = "invoicing-collection-check", lockAtMostFor = "PT5M")
    void checkScheduled() {
        check();
    }

    /** @return the invoices found without a collection date, now made collectible */
    public int check() {
        Instant now = clock.instant();
        Instant overdueBefore = now.minus(settings.collectionOverdueAfter());
        int repaired = 0;
        List<InvoiceId> found;
        do {
            found = collectionQueue.withoutCollectionDate(1_000);
            for (InvoiceId id : found) {
                collectionQueue.retryAt(id, now);
                repaired++;
            }
        } while (!found.isEmpty() && repaired < 100_000);
        if (repaired > 0) {
            log.error(
                    "Collection check: {} issued invoices had no payment in flight and no retry date; made collectible now",
                    repaired);
        }
        CollectionQueue.StrandedCounts counts = collectionQueue.strandedCounts(overdueBefore);
        stranded.set(repaired + counts.stranded());
        overdue.set(counts.overdue());
        if (counts.overdue() > 0) {
            log.warn(
                    "Collection check: {} issued invoices were due for collection more than {} ago",
                    counts.overdue(),
                    settings.collectionOverdueAfter());
        }
        return repaired;
    }
}
