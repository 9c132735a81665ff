/**
 * Payments: payment methods, charges, refunds and processor webhooks across two live processors (legacy and new), with a sticky percentage dial, token migration, automatic halt, and a sandbox processor for development and tests.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Payments",
        allowedDependencies = {"shared", "accounts"})
@org.jspecify.annotations.NullMarked
package com.abacus.payments;
