package com.abacus.invoicing;

/**
 * One usage event as sent. {@code id} makes it idempotent (per account); {@code timestamp} is when the usage happened
 * (ISO-8601 instant); {@code accountId} is required for service tokens and implied for a customer's own key.
 */
public record UsageEventInput(String id, String accountId, String metric, Long quantity, String timestamp) {}
