package com.abacus.shared;

import java.util.Map;

/** Input that breaks a rule of the domain; {@link #fieldErrors()} names the offending fields. */
public class InvalidInputException extends DomainException {

    private final Map<String, String> fieldErrors;

    public InvalidInputException(String field, String message) {
        this(Map.of(field, message), message);
    }

    public InvalidInputException(Map<String, String> fieldErrors, String message) {
        super(Kind.INVALID, "invalid-input", message);
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
