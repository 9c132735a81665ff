/**
 * Checkout: quotes and orders. Placing an order pays through payments and, on success, activates the subscription and grants entitlements before the customer gets the answer. Hosts the customer pages.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Checkout",
        allowedDependencies = {
            "shared",
            "accounts",
            "catalog",
            "subscriptions",
            "payments",
            "entitlements",
            "invoicing",
            "taxes",
            "discounts"
        })
@org.jspecify.annotations.NullMarked
package com.abacus.checkout;
