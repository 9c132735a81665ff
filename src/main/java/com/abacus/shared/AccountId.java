package com.abacus.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/** The customer account every module refers to; modules keep the id, never each other's rows. */
public record AccountId(@JsonValue UUID value) {

    /** In JSON (recorded and externalised events) an id is just its value. */
    @JsonCreator
    public AccountId(UUID value) {
        this.value = java.util.Objects.requireNonNull(value, "value");
    }

    public static AccountId of(String value) {
        try {
            return new AccountId(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("account", value);
        }
    }

    public static AccountId random() {
        return new AccountId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
