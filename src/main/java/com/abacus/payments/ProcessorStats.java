package com.abacus.payments;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One processor's share of the migration over the stats window.
 *
 * @param successRatePercent succeeded charges / attempts that reached a verdict, in percent (declines count as
 *     attempts: a decline is the processor working)
 * @param volume captured amounts per currency, in minor units
 */
public record ProcessorStats(
        Processor processor,
        String adapter,
        long accounts,
        long attempts,
        long succeeded,
        long processorErrors,
        BigDecimal successRatePercent,
        Map<String, Long> volume) {}
