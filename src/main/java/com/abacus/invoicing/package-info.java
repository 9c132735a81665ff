/**
 * Invoicing: invoices per billing period with gapless numbers, proration, usage billed monthly in arrears, renewals and dunning, credit notes for refunds, PDF invoices.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Invoicing",
        allowedDependencies = {"shared", "accounts", "catalog", "subscriptions", "payments", "taxes"})
@org.jspecify.annotations.NullMarked
package com.abacus.invoicing;
