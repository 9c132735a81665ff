package com.abacus.testclocks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled test clocks exist only in sandbox deployments: on in the dev profile and the tests, off by default
 *     (then their API answers 404 and no advance runs)
 * @param listenerWait how long one step of an advance waits for the listeners of what it set off (revenue, webhooks)
 * @param stalledAfter an advance whose instance has not reported for this long is taken up by another instance
 */
@ConfigurationProperties("abacus.test-clocks")
public record TestClockSettings(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("60s") Duration listenerWait,
        @DefaultValue("2m") Duration stalledAfter) {}
