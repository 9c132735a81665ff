package com.abacus.payments;

import com.abacus.shared.NotFoundException;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

public record PaymentId(@JsonValue UUID value) {

    /** In JSON (recorded and externalised events) an id is just its value. */
    @JsonCreator
    public PaymentId(UUID value) {
        this.value = java.util.Objects.requireNonNull(value, "value");
    }

    public static PaymentId of(String value) {
        try {
            return new PaymentId(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("payment", value);
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
