package com.abacus.catalog;

/** One thing wrong with a catalog file, named precisely enough to fix it: file, field path, what is wrong. */
public record CatalogProblem(String file, String field, String message) {

    @Override
    public String toString() {
        return file + ": " + field + ": " + message;
    }
}
