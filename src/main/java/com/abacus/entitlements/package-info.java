/**
 * Entitlements: what each account may use, derived from subscriptions, add-ons, trials and overrides; stored as versioned snapshots and served from a near cache and Redis in front of PostgreSQL.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Entitlements",
        allowedDependencies = {"shared", "accounts", "catalog", "subscriptions"})
@org.jspecify.annotations.NullMarked
package com.abacus.entitlements;
