package com.abacus.invoicing;

import com.abacus.shared.NotFoundException;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

public record InvoiceId(@JsonValue UUID value) {

    /** In JSON (recorded and externalised events) an id is just its value. */
    @JsonCreator
    public InvoiceId(UUID value) {
        this.value = java.util.Objects.requireNonNull(value, "value");
    }

    public static InvoiceId of(String value) {
        try {
            return new InvoiceId(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("invoice", value);
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
