package com.abacus.shared;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * A PostgreSQL array literal of ids, for {@code = any(cast(:ids as uuid[]))}: one statement text whatever the number
 * of ids, so the server prepares it once (an expanded {@code in (:ids)} is a new statement for every size).
 */
public final class SqlArrays {

    private SqlArrays() {}

    /** {@code {a,b,c}} from the ids' string forms (UUIDs and numbers need no quoting). */
    public static String of(Collection<?> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }
}
