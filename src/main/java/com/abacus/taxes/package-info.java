/**
 * Taxes: the tax rules (files in {@code src/main/resources/tax}, one rate per jurisdiction with the date it takes
 * effect), the decision of how an account is taxed (from its billing address, tax id and exemption) and the tax of each
 * invoice line, rounded per line.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Taxes",
        allowedDependencies = {"shared", "accounts"})
@org.jspecify.annotations.NullMarked
package com.abacus.taxes;
