package com.abacus.accounts.internal.security;

import com.abacus.accounts.CustomerPrincipal;
import com.abacus.accounts.TokenScope;
import com.abacus.shared.AccountId;
import java.util.List;

/** Who stands behind a bearer token. */
final class ApiPrincipals {

    private ApiPrincipals() {}

    /** A customer's own program calling the public API with the customer's key. */
    record CustomerKey(AccountId accountId, String keyName) implements CustomerPrincipal {
        @Override
        public String toString() {
            return "customer:" + accountId;
        }
    }

    /** An internal service (load-balancer control plane, image service, finance ETL...). */
    record Service(String name, List<TokenScope> scopes) {
        @Override
        public String toString() {
            return "service:" + name;
        }
    }
}
