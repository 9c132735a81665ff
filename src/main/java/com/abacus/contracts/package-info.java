/**
 * Enterprise contracts: quotes with negotiated terms (ramped prices per item, included usage with overage prices and
 * caps, a committed minimum, a billing schedule and payment terms), the preview of every invoice a quote's contract
 * will issue, and acceptance, which makes the quote a contract.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Contracts",
        allowedDependencies = {"shared", "accounts", "catalog", "taxes"})
@org.jspecify.annotations.NullMarked
package com.abacus.contracts;
