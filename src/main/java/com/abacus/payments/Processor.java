package com.abacus.payments;

/** The two processors live during the migration: the one we leave and the one we move to. */
public enum Processor {
    LEGACY,
    NEW;

    public String slug() {
        return name().toLowerCase();
    }
}
