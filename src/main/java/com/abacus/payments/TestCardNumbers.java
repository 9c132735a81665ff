package com.abacus.payments;

import java.util.Map;

/** The sandbox's deterministic test cards, for pages and docs that show them. */
public final class TestCardNumbers {

    public static final Map<String, String> DESCRIPTIONS =
            com.abacus.payments.internal.processor.TestCards.DESCRIPTIONS;

    private TestCardNumbers() {}
}
