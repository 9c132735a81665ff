package com.abacus.checkout;

import com.abacus.shared.NotFoundException;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

public record OrderId(@JsonValue UUID value) {

    /** In JSON (recorded and externalised events) an id is just its value. */
    @JsonCreator
    public OrderId(UUID value) {
        this.value = java.util.Objects.requireNonNull(value, "value");
    }

    public static OrderId of(String value) {
        try {
            return new OrderId(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("order", value);
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
