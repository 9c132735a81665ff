/**
 * Admin console for support, finance and billing engineers. Server-rendered (Thymeleaf + htmx) over the other modules' public APIs; writes the audit trail of staff actions.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Admin",
        allowedDependencies = {
            "shared",
            "accounts",
            "catalog",
            "subscriptions",
            "payments",
            "entitlements",
            "invoicing",
            "revenue",
            "testclocks",
            "discounts",
            "contracts"
        })
@org.jspecify.annotations.NullMarked
package com.abacus.admin;
