package com.abacus.invoicing.internal;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param numberingZone the time zone whose calendar year starts a new invoice number series
 * @param dunningRetries delays after a failed charge at which it is retried; after the last one fails, the
 *     subscription is canceled for non-payment and the invoice written off
 * @param runBatchSize subscriptions fetched per batch of the invoice run
 * @param runThreads subscriptions renewed in parallel by the invoice run
 * @param maxUsageBatch largest batch of usage events per request
 * @param usageMaxAge usage events older than this are refused (each on its own; the rest of the batch is recorded)
 * @param collectionGrace how long a charge of an invoice may be in flight before collection looks at it again
 * @param collectionOverdueAfter an unpaid invoice whose collection date passed this long ago is reported as stranded
 *     (the invoice runs are not collecting) by the collection check and its metric
 */
@ConfigurationProperties("abacus.invoicing")
public record InvoicingSettings(
        @DefaultValue("UTC") ZoneId numberingZone,
        @DefaultValue({"1d", "3d", "7d"}) List<Duration> dunningRetries,
        @DefaultValue("500") int runBatchSize,
        @DefaultValue("8") int runThreads,
        @DefaultValue("5000") int maxUsageBatch,
        @DefaultValue("35d") Duration usageMaxAge,
        @DefaultValue("10m") Duration collectionGrace,
        @DefaultValue("1h") Duration collectionOverdueAfter) {}
