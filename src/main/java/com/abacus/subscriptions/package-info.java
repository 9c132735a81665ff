/**
 * Subscriptions: lifecycle (trialing, active, past due, canceled), billing periods in the account's time zone, changes now or at period end, renewals, enterprise contracts with account-specific prices.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Subscriptions",
        allowedDependencies = {"shared", "accounts", "catalog", "taxes"})
@org.jspecify.annotations.NullMarked
package com.abacus.subscriptions;
