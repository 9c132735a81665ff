/**
 * Revenue: recognition schedules from invoices and credit notes, period close, and exports for finance (CSV, deferred revenue roll-forward, double-entry journal).
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Revenue",
        allowedDependencies = {"shared", "accounts", "invoicing", "payments", "taxes"})
@org.jspecify.annotations.NullMarked
package com.abacus.revenue;
