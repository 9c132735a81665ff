package com.abacus.shared.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the public JSON API.
 *
 * @param maxBodySize largest accepted body on the APIs ({@code /api}, {@code /internal})
 * @param maxWebhookBodySize largest accepted processor webhook body (processors send a few kilobytes; 1 MB is the most
 *     any documents)
 * @param maxPageBodySize largest accepted form post of the customer site and the console
 * @param idempotencyWait how long a retry racing the first request waits for its result before answering 409
 * @param idempotencyAbandonedAfter when an unfinished first request is considered dead and its key may run again
 * @param idempotencyRetention how long keys are remembered
 */
@ConfigurationProperties("abacus.api")
public record ApiSettings(
        @DefaultValue("2MB") DataSize maxBodySize,
        @DefaultValue("1MB") DataSize maxWebhookBodySize,
        @DefaultValue("1MB") DataSize maxPageBodySize,
        @DefaultValue("15s") Duration idempotencyWait,
        @DefaultValue("60s") Duration idempotencyAbandonedAfter,
        @DefaultValue("24h") Duration idempotencyRetention) {}
