package com.abacus.subscriptions;

import com.abacus.shared.NotFoundException;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

public record SubscriptionId(@JsonValue UUID value) {

    /** In JSON (recorded and externalised events) an id is just its value. */
    @JsonCreator
    public SubscriptionId(UUID value) {
        this.value = java.util.Objects.requireNonNull(value, "value");
    }

    public static SubscriptionId of(String value) {
        try {
            return new SubscriptionId(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("subscription", value);
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
