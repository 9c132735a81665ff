package com.abacus.payments.internal.processor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sandbox's deterministic SEPA test accounts (valid German IBANs). Any other valid IBAN settles. Documented in the
 * README and on the checkout page.
 */
public final class TestIbans {

    public static final String SETTLES = "DE89370400440532013000";
    /** The debit is returned before it settles: the customer's account lacks the money. */
    public static final String INSUFFICIENT_FUNDS = "DE62370400440532013001";
    /** The debit is returned before it settles: the customer revoked the mandate at the bank. */
    public static final String MANDATE_REVOKED = "DE35370400440532013002";
    /** The debit settles, then the customer's bank reverses it (a SEPA return after settlement, like a chargeback). */
    public static final String REVERSED_AFTER_SETTLEMENT = "DE08370400440532013003";

    public static final Map<String, String> DESCRIPTIONS;

    static {
        Map<String, String> descriptions = new LinkedHashMap<>();
        descriptions.put(SETTLES, "settles after the settlement delay");
        descriptions.put(INSUFFICIENT_FUNDS, "fails when it would settle (insufficient_funds)");
        descriptions.put(MANDATE_REVOKED, "fails when it would settle (mandate_revoked); the mandate is revoked");
        descriptions.put(
                REVERSED_AFTER_SETTLEMENT, "settles, then is reversed two days later (a dispute, with its fee)");
        DESCRIPTIONS = Map.copyOf(descriptions);
    }

    private TestIbans() {}

    /** What a sandbox bank account does; the sandbox keeps this in the token, never the IBAN. */
    public enum Behaviour {
        SETTLES,
        INSUFFICIENT_FUNDS,
        MANDATE_REVOKED,
        REVERSED;

        public static Behaviour of(String iban) {
            return switch (iban) {
                case TestIbans.INSUFFICIENT_FUNDS -> Behaviour.INSUFFICIENT_FUNDS;
                case TestIbans.MANDATE_REVOKED -> Behaviour.MANDATE_REVOKED;
                case TestIbans.REVERSED_AFTER_SETTLEMENT -> Behaviour.REVERSED;
                default -> SETTLES;
            };
        }

        String tokenName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace("_", "");
        }

        static Behaviour ofTokenName(String name) {
            for (Behaviour behaviour : values()) {
                if (behaviour.tokenName().equals(name)) {
                    return behaviour;
                }
            }
            return null;
        }

        /** How the sandbox ledger writes the debit's outcome once it settles. */
        String finalStatus() {
            return switch (this) {
                case SETTLES, REVERSED -> "succeeded";
                case INSUFFICIENT_FUNDS -> "declined:insufficient_funds";
                case MANDATE_REVOKED -> "declined:mandate_revoked";
            };
        }
    }
}
