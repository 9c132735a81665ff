package com.abacus.revenue;

import java.time.YearMonth;

/** One month of one currency: revenue recognised (net of refunds) and the deferred balance at month end, in minor units. */
public record MonthlyRevenue(
        YearMonth month, String currency, long recognizedMinor, long refundsMinor, long deferredMinor) {}
