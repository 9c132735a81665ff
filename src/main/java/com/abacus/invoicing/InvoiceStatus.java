package com.abacus.invoicing;

/**
 * DRAFT → FINALIZED (numbered, immutable) → PAID, or VOID (canceled by staff before payment), or UNCOLLECTIBLE
 * (dunning gave up).
 */
public enum InvoiceStatus {
    DRAFT,
    FINALIZED,
    PAID,
    VOID,
    UNCOLLECTIBLE
}
