package com.abacus.payments;

import com.abacus.shared.InvalidInputException;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;

/**
 * An International Bank Account Number for SEPA Direct Debit, checked before anything is written: a SEPA country's
 * code, that country's length, and the ISO 13616 check digits (mod 97 = 1). Only the country and the last four
 * characters are ever kept ({@link #country()}, {@link #last4()}); the whole number goes to the processor once.
 */
public final class Iban {

    /** IBAN lengths of the SEPA scheme's countries (ISO 13616 registry). */
    static final Map<String, Integer> SEPA_LENGTHS = Map.ofEntries(
            Map.entry("AD", 24),
            Map.entry("AT", 20),
            Map.entry("BE", 16),
            Map.entry("BG", 22),
            Map.entry("CH", 21),
            Map.entry("CY", 28),
            Map.entry("CZ", 24),
            Map.entry("DE", 22),
            Map.entry("DK", 18),
            Map.entry("EE", 20),
            Map.entry("ES", 24),
            Map.entry("FI", 18),
            Map.entry("FR", 27),
            Map.entry("GB", 22),
            Map.entry("GI", 23),
            Map.entry("GR", 27),
            Map.entry("HR", 21),
            Map.entry("HU", 28),
            Map.entry("IE", 22),
            Map.entry("IS", 26),
            Map.entry("IT", 27),
            Map.entry("LI", 21),
            Map.entry("LT", 20),
            Map.entry("LU", 20),
            Map.entry("LV", 21),
            Map.entry("MC", 27),
            Map.entry("MT", 31),
            Map.entry("NL", 18),
            Map.entry("NO", 15),
            Map.entry("PL", 28),
            Map.entry("PT", 25),
            Map.entry("RO", 24),
            Map.entry("SE", 24),
            Map.entry("SI", 19),
            Map.entry("SK", 24),
            Map.entry("SM", 27),
            Map.entry("VA", 22));

    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    private final String value;

    private Iban(String value) {
        this.value = value;
    }

    /** Spaces are ignored and letters may be lower case, as people write IBANs; anything else is refused by name. */
    public static Iban parse(String input) {
        String iban = input == null ? "" : input.replace(" ", "").toUpperCase(Locale.ROOT);
        if (!iban.matches("[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}")) {
            throw new InvalidInputException("iban", "is not an IBAN (two letters, two check digits, the account)");
        }
        Integer length = SEPA_LENGTHS.get(iban.substring(0, 2));
        if (length == null) {
            throw new InvalidInputException("iban", "is not from a SEPA country");
        }
        if (iban.length() != length) {
            throw new InvalidInputException("iban", "must have " + length + " characters for " + iban.substring(0, 2));
        }
        if (!checksumHolds(iban)) {
            throw new InvalidInputException("iban", "has wrong check digits (mistyped?)");
        }
        return new Iban(iban);
    }

    /** ISO 13616: the first four characters moved to the end, letters as 10–35, the number mod 97 is 1. */
    static boolean checksumHolds(String iban) {
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder digits = new StringBuilder(rearranged.length() * 2);
        for (char c : rearranged.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue() == 1;
    }

    public String country() {
        return value.substring(0, 2);
    }

    public String last4() {
        return value.substring(value.length() - 4);
    }

    /** The whole number, for the one call that hands it to the processor; never logged or stored. */
    public String number() {
        return value;
    }

    /** As shown to people: country and last four only ("DE •••• 3000"). */
    @Override
    public String toString() {
        return country() + " •••• " + last4();
    }
}
