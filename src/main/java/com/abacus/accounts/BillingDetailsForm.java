package com.abacus.accounts;

import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The billing details form of a page (the customer's account page, support's console), bound from its fields. The form
 * sends every field, so both parts are set: an all-blank address, or a blank tax id, removes it. Refusals name the
 * fields as the API does ({@code billingAddress.country}, {@code taxId.value}).
 */
public record BillingDetailsForm(
        @Nullable String line1,
        @Nullable String line2,
        @Nullable String city,
        @Nullable String postalCode,
        @Nullable String state,
        @Nullable String country,
        @Nullable String taxIdType,
        @Nullable String taxIdValue) {

    public AccountBillingDetails.Change change() {
        boolean noAddress =
                Stream.of(line1, line2, city, postalCode, state, country).allMatch(v -> v == null || v.isBlank());
        boolean noTaxId = taxIdValue == null || taxIdValue.isBlank();
        return new AccountBillingDetails.Change(
                true,
                noAddress ? null : BillingAddress.of(line1, line2, city, postalCode, state, country, "billingAddress"),
                true,
                noTaxId ? null : TaxId.of(taxIdType, taxIdValue, "taxId"));
    }
}
