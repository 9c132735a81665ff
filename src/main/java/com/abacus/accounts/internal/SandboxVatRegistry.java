package com.abacus.accounts.internal;

import com.abacus.accounts.TaxId;
import com.abacus.accounts.VatNumberRegistry;
import org.springframework.stereotype.Component;

/**
 * The VIES sandbox, deterministic like the payment sandbox: a number ending in {@code 0000} is not registered, one ending
 * in {@code 9999} finds VIES unavailable, every other well-formed number is registered.
 */
@Component
class SandboxVatRegistry implements VatNumberRegistry {

    @Override
    public Verdict check(TaxId vatNumber) {
        if (vatNumber.value().endsWith("0000")) {
            return Verdict.NOT_REGISTERED;
        }
        if (vatNumber.value().endsWith("9999")) {
            return Verdict.UNAVAILABLE;
        }
        return Verdict.REGISTERED;
    }
}
