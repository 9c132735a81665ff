package com.abacus.accounts;

import com.abacus.shared.InvalidInputException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A buyer's tax identifier, checked for its format (and, where the number carries one, its check digits) before it is
 * kept. Whether an EU VAT number is registered is a separate question, asked of VIES; this only says it could be one.
 * Values are kept normalised: upper case, without spaces, dots or hyphens.
 *
 * @param type {@code eu_vat} (with its country prefix; Greece is {@code EL}), {@code gb_vat}, {@code au_abn},
 *     {@code jp_trn} (a qualified-invoice registration number, {@code T} and 13 digits), {@code ca_bn} (a business
 *     number, optionally with its {@code RT} program account) or {@code us_ein}
 */
public record TaxId(String type, String value) {

    /** The EU member states' VAT number formats after the country prefix (as the Commission's VIES documents them). */
    private static final Map<String, Pattern> EU_VAT = Map.ofEntries(
            Map.entry("AT", Pattern.compile("U\\d{8}")),
            Map.entry("BE", Pattern.compile("[01]\\d{9}")),
            Map.entry("BG", Pattern.compile("\\d{9,10}")),
            Map.entry("CY", Pattern.compile("\\d{8}[A-Z]")),
            Map.entry("CZ", Pattern.compile("\\d{8,10}")),
            Map.entry("DE", Pattern.compile("\\d{9}")),
            Map.entry("DK", Pattern.compile("\\d{8}")),
            Map.entry("EE", Pattern.compile("\\d{9}")),
            Map.entry("EL", Pattern.compile("\\d{9}")),
            Map.entry("ES", Pattern.compile("[A-Z0-9]\\d{7}[A-Z0-9]")),
            Map.entry("FI", Pattern.compile("\\d{8}")),
            Map.entry("FR", Pattern.compile("[A-HJ-NP-Z0-9]{2}\\d{9}")),
            Map.entry("HR", Pattern.compile("\\d{11}")),
            Map.entry("HU", Pattern.compile("\\d{8}")),
            Map.entry("IE", Pattern.compile("\\d{7}[A-W][A-I]?|\\d[A-Z+*]\\d{5}[A-W]")),
            Map.entry("IT", Pattern.compile("\\d{11}")),
            Map.entry("LT", Pattern.compile("\\d{9}|\\d{12}")),
            Map.entry("LU", Pattern.compile("\\d{8}")),
            Map.entry("LV", Pattern.compile("\\d{11}")),
            Map.entry("MT", Pattern.compile("\\d{8}")),
            Map.entry("NL", Pattern.compile("\\d{9}B\\d{2}")),
            Map.entry("PL", Pattern.compile("\\d{10}")),
            Map.entry("PT", Pattern.compile("\\d{9}")),
            Map.entry("RO", Pattern.compile("\\d{2,10}")),
            Map.entry("SE", Pattern.compile("\\d{10}01")),
            Map.entry("SI", Pattern.compile("\\d{8}")),
            Map.entry("SK", Pattern.compile("\\d{10}")));

    private static final Pattern GB_VAT = Pattern.compile("GB(\\d{9}|\\d{12}|GD[0-4]\\d{2}|HA[5-9]\\d{2})");
    private static final Pattern AU_ABN = Pattern.compile("\\d{11}");
    private static final Pattern JP_TRN = Pattern.compile("T\\d{13}");
    private static final Pattern CA_BN = Pattern.compile("\\d{9}(RT\\d{4})?");
    private static final Pattern US_EIN = Pattern.compile("\\d{9}");

    /**
     * @param field how the request names the tax id, for the refusal ({@code taxId})
     * @throws InvalidInputException naming {@code field.type} or {@code field.value}
     */
    public static TaxId of(String type, String value, String field) {
        if (type == null || type.isBlank()) {
            throw new InvalidInputException(field + ".type", "is required");
        }
        String kind = type.trim().toLowerCase(Locale.ROOT);
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field + ".value", "is required");
        }
        String normalised = value.toUpperCase(Locale.ROOT).replaceAll("[\\s.\\-]", "");
        boolean valid = switch (kind) {
            case "eu_vat" -> euVat(normalised);
            case "gb_vat" -> GB_VAT.matcher(normalised).matches();
            case "au_abn" -> AU_ABN.matcher(normalised).matches() && abnChecksum(normalised);
            case "jp_trn" -> JP_TRN.matcher(normalised).matches() && corporateNumberChecksum(normalised.substring(1));
            case "ca_bn" -> CA_BN.matcher(normalised).matches();
            case "us_ein" -> US_EIN.matcher(normalised).matches();
            default ->
                throw new InvalidInputException(
                        field + ".type", "must be eu_vat, gb_vat, au_abn, jp_trn, ca_bn or us_ein");
        };
        if (!valid) {
            throw new InvalidInputException(
                    field + ".value", "'" + value.trim() + "' is not a valid " + kind + " number");
        }
        return new TaxId(kind, normalised);
    }

    /** The ISO 3166 country the number belongs to (Greece's VAT prefix EL is GR); null for none. */
    public String country() {
        return switch (type) {
            case "eu_vat" -> value.startsWith("EL") ? "GR" : value.substring(0, 2);
            case "gb_vat" -> "GB";
            case "au_abn" -> "AU";
            case "jp_trn" -> "JP";
            case "ca_bn" -> "CA";
            case "us_ein" -> "US";
            default -> null;
        };
    }

    private static boolean euVat(String value) {
        if (value.length() < 4) {
            return false;
        }
        Pattern format = EU_VAT.get(value.substring(0, 2));
        return format != null && format.matcher(value.substring(2)).matches();
    }

    /** ABN: subtract 1 from the first digit; the digits weighted 10, 1, 3, 5, …, 19 sum to a multiple of 89. */
    private static boolean abnChecksum(String abn) {
        int[] weights = {10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19};
        int sum = 0;
        for (int i = 0; i < 11; i++) {
            int digit = abn.charAt(i) - '0' - (i == 0 ? 1 : 0);
            sum += digit * weights[i];
        }
        return sum % 89 == 0;
    }

    /**
     * Japan's corporate number: the first digit is {@code 9 − (Σ digit × (1 or 2, alternating from the right)) mod 9}
     * over the other twelve.
     */
    private static boolean corporateNumberChecksum(String number) {
        int sum = 0;
        for (int i = 1; i <= 12; i++) {
            int digit = number.charAt(13 - i) - '0';
            sum += digit * (i % 2 == 1 ? 1 : 2);
        }
        return number.charAt(0) - '0' == 9 - sum % 9;
    }
}
