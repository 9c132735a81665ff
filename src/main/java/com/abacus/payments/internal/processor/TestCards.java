package com.abacus.payments.internal.processor;

import java.util.Map;

/**
 * Deterministic test cards, the same on every processor adapter's test mode and in the sandbox. Documented in the
 * README and on the checkout page.
 */
public final class TestCards {

    public static final String SUCCESS = "4242424242424242";
    public static final String SUCCESS_MASTERCARD = "5555555555554444";
    public static final String DECLINED = "4000000000000002";
    public static final String INSUFFICIENT_FUNDS = "4000000000009995";
    public static final String REQUIRES_ACTION = "4000000000003220";
    /** The processor takes the money but the answer never arrives: the payment is unknown until reconciled. */
    public static final String TIMEOUT = "4000000000000408";
    /** The processor fails before charging (5xx/unavailable). */
    public static final String PROCESSOR_ERROR = "4000000000000119";

    public static final Map<String, String> DESCRIPTIONS = Map.of(
            SUCCESS, "succeeds",
            SUCCESS_MASTERCARD, "succeeds (Mastercard)",
            DECLINED, "declined (card_declined)",
            INSUFFICIENT_FUNDS, "declined (insufficient_funds)",
            REQUIRES_ACTION, "requires authentication (3-D Secure)",
            TIMEOUT, "processor times out after charging (payment unknown, then reconciled)",
            PROCESSOR_ERROR, "processor error before charging");

    private TestCards() {}

    /** What a sandbox card does; the sandbox keeps this, never the number. */
    public enum Behaviour {
        SUCCEEDS,
        DECLINED,
        INSUFFICIENT_FUNDS,
        REQUIRES_ACTION,
        TIMEOUT,
        PROCESSOR_ERROR,
        /** Not a token the sandbox issued. */
        UNKNOWN_TOKEN;

        /** Any other valid number succeeds. */
        public static Behaviour of(String number) {
            return switch (number) {
                case TestCards.DECLINED -> Behaviour.DECLINED;
                case TestCards.INSUFFICIENT_FUNDS -> Behaviour.INSUFFICIENT_FUNDS;
                case TestCards.REQUIRES_ACTION -> Behaviour.REQUIRES_ACTION;
                case TestCards.TIMEOUT -> Behaviour.TIMEOUT;
                case TestCards.PROCESSOR_ERROR -> Behaviour.PROCESSOR_ERROR;
                default -> SUCCEEDS;
            };
        }

        public String tokenName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace("_", "");
        }

        public static Behaviour ofTokenName(String name) {
            for (Behaviour behaviour : values()) {
                if (behaviour != UNKNOWN_TOKEN && behaviour.tokenName().equals(name)) {
                    return behaviour;
                }
            }
            return UNKNOWN_TOKEN;
        }
    }

    public static String brand(String number) {
        return number.startsWith("5") ? "mastercard" : number.startsWith("3") ? "amex" : "visa";
    }

    /** Luhn check, so typos are caught before any processor is called. */
    public static boolean luhnValid(String number) {
        if (number == null || !number.matches("\\d{12,19}")) {
            return false;
        }
        int sum = 0;
        boolean doubleIt = false;
        for (int i = number.length() - 1; i >= 0; i--) {
            int digit = number.charAt(i) - '0';
            if (doubleIt) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }
}
