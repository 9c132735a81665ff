/**
 * Catalog: products, plans, prices per currency, features and their limits, add-ons and usage charges. The catalog
 * lives as YAML files in the repository; every change is validated and published as an immutable, numbered version.
 * Subscriptions keep the version they bought (grandfathering).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Catalog", allowedDependencies = "shared")
@org.jspecify.annotations.NullMarked
package com.abacus.catalog;
