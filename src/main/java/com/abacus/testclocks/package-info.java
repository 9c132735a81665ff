/**
 * Test clocks: simulated time per account, sandbox only. A clock's accounts live on its frozen time; advancing it runs
 * their due work (renewals, trial ends, scheduled changes, dunning, usage closes, entitlement expiry) moment by moment
 * in order. Sits above the billing modules like the console: it calls their APIs, nothing calls it.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(
        displayName = "Test clocks",
        allowedDependencies = {"shared", "accounts", "subscriptions", "invoicing", "entitlements", "payments"})
package com.abacus.testclocks;

import org.jspecify.annotations.NullMarked;
