package com.abacus.payments;

import java.util.Map;

/** The sandbox's deterministic test cards and IBANs, for pages and docs that show them. */
public final class TestCardNumbers {

    public static final Map<String, String> DESCRIPTIONS =
            com.abacus.payments.internal.processor.TestCards.DESCRIPTIONS;

    /** The sandbox's SEPA test IBANs and what each does. */
    public static final Map<String, String> IBANS = com.abacus.payments.internal.processor.TestIbans.DESCRIPTIONS;

    private TestCardNumbers() {}
}
