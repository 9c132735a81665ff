package com.abacus.catalog;

/** A feature a product declares, with how its values combine. */
public record FeatureDefinition(String code, String name, Type type) {

    public enum Type {
        BOOLEAN,
        LIMIT
    }
}
