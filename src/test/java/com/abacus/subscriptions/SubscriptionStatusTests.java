package com.abacus.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The subscription's states and the moves between them, as a table: from, to, allowed. */
class SubscriptionStatusTests {

    @ParameterizedTest(name = "{0} → {1}: {2}")
    @CsvSource({
        "TRIALING, TRIALING, false",
        "TRIALING, ACTIVE,   true",
        "TRIALING, PAST_DUE, true",
        "TRIALING, CANCELED, true",
        "ACTIVE,   TRIALING, false",
        "ACTIVE,   ACTIVE,   false",
        "ACTIVE,   PAST_DUE, true",
        "ACTIVE,   CANCELED, true",
        "PAST_DUE, TRIALING, false",
        "PAST_DUE, ACTIVE,   true",
        "PAST_DUE, PAST_DUE, false",
        "PAST_DUE, CANCELED, true",
        "CANCELED, TRIALING, false",
        "CANCELED, ACTIVE,   false",
        "CANCELED, PAST_DUE, false",
        "CANCELED, CANCELED, false",
    })
    void movesBetweenStates(SubscriptionStatus from, SubscriptionStatus to, boolean allowed) {
        assertThat(from.canBecome(to)).isEqualTo(allowed);
    }

    @ParameterizedTest
    @CsvSource({"TRIALING, true", "ACTIVE, true", "PAST_DUE, true", "CANCELED, false"})
    void onlyACanceledSubscriptionHasEnded(SubscriptionStatus status, boolean live) {
        assertThat(status.isLive()).isEqualTo(live);
    }
}
