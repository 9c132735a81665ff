/**
 * Accounts: who the customer is (identity, billing profile, time zone, currency), who the staff are, and the tokens
 * internal services and customers' programs use. Owns authentication for the whole deployable.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts", allowedDependencies = "shared")
@org.jspecify.annotations.NullMarked
package com.abacus.accounts;
