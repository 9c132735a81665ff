package com.abacus.accounts;

import com.abacus.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where an account is billed: what its invoices show as the buyer's address and what its tax is decided from. Only the
 * country is required (tax needs no more); in the United States and Canada the state or province too, because the rate
 * depends on it.
 */
public record BillingAddress(
        @Nullable String line1,
        @Nullable String line2,
        @Nullable String city,
        @Nullable String postalCode,
        @Nullable String state,
        String country) {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    /** Canada's provinces and territories (ISO 3166-2:CA). */
    private static final Set<String> CA_PROVINCES =
            Set.of("AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT");

    /**
     * Checks and normalises an address (trimmed, blanks as absent, country and state upper case).
     *
     * @param field how the request names the address, for refusals ({@code billingAddress})
     * @throws InvalidInputException naming each bad field, e.g. {@code billingAddress.country}
     */
    public static BillingAddress of(
            @Nullable String line1,
            @Nullable String line2,
            @Nullable String city,
            @Nullable String postalCode,
            @Nullable String state,
            @Nullable String country,
            String field) {
        Map<String, String> errors = new LinkedHashMap<>();
        String countryCode = upper(country);
        if (countryCode == null) {
            errors.put(field + ".country", "is required");
        } else if (!COUNTRIES.contains(countryCode)) {
            errors.put(field + ".country", "must be an ISO 3166 alpha-2 country code such as DE");
        }
        String stateCode = upper(state);
        if ("US".equals(countryCode) && (stateCode == null || !stateCode.matches("[A-Z]{2}"))) {
            errors.put(field + ".state", "is required in the US: a two-letter state code such as CA");
        }
        if ("CA".equals(countryCode) && (stateCode == null || !CA_PROVINCES.contains(stateCode))) {
            errors.put(field + ".state", "is required in Canada: a province or territory code such as ON");
        }
        check(errors, field + ".line1", line1);
        check(errors, field + ".line2", line2);
        check(errors, field + ".city", city);
        check(errors, field + ".postalCode", postalCode);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors, "The billing address is invalid");
        }
        return new BillingAddress(
                trimmed(line1), trimmed(line2), trimmed(city), trimmed(postalCode), stateCode, countryCode);
    }

    /** The address as an invoice prints it, a line each: street, street, "postal code city", "state country". */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (line1 != null) {
            lines.add(line1);
        }
        if (line2 != null) {
            lines.add(line2);
        }
        String town = String.join(" ", nonNull(postalCode, city));
        if (!town.isEmpty()) {
            lines.add(town);
        }
        lines.add(String.join(" ", nonNull(state, new Locale("", country).getDisplayCountry(Locale.ENGLISH))));
        return lines;
    }

    private static List<String> nonNull(@Nullable String first, @Nullable String second) {
        List<String> parts = new ArrayList<>();
        if (first != null) {
            parts.add(first);
        }
        if (second != null) {
            parts.add(second);
        }
        return parts;
    }

    private static void check(Map<String, String> errors, String field, @Nullable String value) {
        if (value != null && value.trim().length() > 200) {
            errors.put(field, "must be at most 200 characters");
        }
    }

    private static @Nullable String trimmed(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static @Nullable String upper(@Nullable String value) {
        String trimmed = trimmed(value);
        return trimmed == null ? null : trimmed.toUpperCase(Locale.ROOT);
    }
}
