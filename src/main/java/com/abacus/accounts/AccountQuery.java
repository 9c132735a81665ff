package com.abacus.accounts;

import com.abacus.shared.AccountId;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A filtered, sorted page of the account list. {@code text}: id, email or name (part of); {@code currency}: the billing
 * currency; {@code among}: only these accounts (what another module's filter matched, e.g. a plan), null for all.
 */
public record AccountQuery(
        String text, @Nullable String currency, @Nullable Set<AccountId> among, Sort sort, int offset, int limit) {

    /** The orders the list offers; each is stable (ties broken by id). */
    public enum Sort {
        NEWEST("created_at desc, id"),
        OLDEST("created_at, id"),
        NAME("lower(name), id"),
        EMAIL("lower(email), id");

        private final String orderBy;

        Sort(String orderBy) {
            this.orderBy = orderBy;
        }

        public String orderBy() {
            return orderBy;
        }

        public static Sort of(@Nullable String value) {
            for (Sort sort : values()) {
                if (sort.name().equalsIgnoreCase(value)) {
                    return sort;
                }
            }
            return NEWEST;
        }
    }
}
