package com.abacus.accounts;

/** Scopes a service token may carry; each internal API checks its own. */
public enum TokenScope {
    ENTITLEMENTS_READ("entitlements:read"),
    USAGE_WRITE("usage:write"),
    REVENUE_EXPORT("revenue:export"),
    METRICS_READ("metrics:read"),
    ACCOUNTS_WRITE("accounts:write"),
    TEST_CLOCKS_WRITE("test-clocks:write"),
    COUPONS_WRITE("coupons:write"),
    CONTRACTS_WRITE("contracts:write");

    private final String value;

    TokenScope(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public String authority() {
        return "SCOPE_" + value;
    }

    public static TokenScope of(String value) {
        for (TokenScope scope : values()) {
            if (scope.value.equals(value)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("Unknown scope " + value);
    }
}
