package com.abacus.subscriptions;

import java.util.List;

/**
 * What renewing a subscription at its period end did. RENEWED carries the lines to invoice for the new period.
 * ALREADY_RENEWED means another run (or a run before a crash) did it already: nothing to do, nothing to bill twice.
 */
public record RenewalOutcome(Kind kind, Subscription subscription, BillingPeriod newPeriod, List<ChargeLine> lines) {

    public enum Kind {
        RENEWED,
        CANCELED,
        ALREADY_RENEWED,
        NOT_DUE
    }
}
