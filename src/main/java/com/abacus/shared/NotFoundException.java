package com.abacus.shared;

public class NotFoundException extends DomainException {

    public NotFoundException(String what, Object id) {
        super(Kind.NOT_FOUND, "not-found", "No " + what + " with id " + id);
    }
}
