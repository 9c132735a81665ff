package com.abacus.accounts;

/**
 * Whether an EU VAT number is registered, as the EU's VIES service says. Reverse charge is only applied for a number
 * it verified. The deployment's registry is the sandbox unless one is configured (see ARCHITECTURE.md, Taxes).
 */
public interface VatNumberRegistry {

    Verdict check(TaxId vatNumber);

    enum Verdict {
        REGISTERED,
        NOT_REGISTERED,
        /** The registry did not answer (VIES is often down for a member state); not a refusal. */
        UNAVAILABLE
    }
}
