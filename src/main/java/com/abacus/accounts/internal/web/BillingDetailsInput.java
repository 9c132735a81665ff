package com.abacus.accounts.internal.web;

import com.abacus.accounts.AccountBillingDetails;
import com.abacus.accounts.BillingAddress;
import com.abacus.accounts.BillingDetails;
import com.abacus.accounts.TaxId;
import com.abacus.shared.InvalidInputException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The billing address and tax id of a JSON body ({@code billingAddress {line1, line2, city, postalCode, state,
 * country}}, {@code taxId {type, value}}) as a change: a field left out stays as it is, a field set to null is removed.
 * Its answer form is {@link View}.
 */
final class BillingDetailsInput {

    private BillingDetailsInput() {}

    static AccountBillingDetails.Change change(JsonNode body) {
        boolean setAddress = body.has("billingAddress");
        boolean setTaxId = body.has("taxId");
        return new AccountBillingDetails.Change(
                setAddress,
                setAddress ? address(body.get("billingAddress")) : null,
                setTaxId,
                setTaxId ? taxId(body.get("taxId")) : null);
    }

    /** At account creation: what is given is set, nothing else. */
    static AccountBillingDetails.Change initial(@Nullable JsonNode address, @Nullable JsonNode taxId) {
        return new AccountBillingDetails.Change(address != null, address(address), taxId != null, taxId(taxId));
    }

    private static @Nullable BillingAddress address(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidInputException(
                    "billingAddress", "must be an object with line1, city, postalCode, state, country");
        }
        return BillingAddress.of(
                text(node, "line1"),
                text(node, "line2"),
                text(node, "city"),
                text(node, "postalCode"),
                text(node, "state"),
                text(node, "country"),
                "billingAddress");
    }

    private static @Nullable TaxId taxId(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidInputException("taxId", "must be an object with type and value");
        }
        return TaxId.of(text(node, "type"), text(node, "value"), "taxId");
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    record AddressView(
            @Nullable String line1,
            @Nullable String line2,
            @Nullable String city,
            @Nullable String postalCode,
            @Nullable String state,
            String country) {}

    record TaxIdView(String type, String value, String status) {}

    record View(
            @Nullable AddressView billingAddress,
            @Nullable TaxIdView taxId,
            boolean taxExempt,
            @Nullable String taxExemptReason) {

        static View of(BillingDetails details) {
            BillingAddress a = details.address();
            TaxId t = details.taxId();
            return new View(
                    a == null
                            ? null
                            : new AddressView(a.line1(), a.line2(), a.city(), a.postalCode(), a.state(), a.country()),
                    t == null || details.taxIdStatus() == null
                            ? null
                            : new TaxIdView(
                                    t.type(),
                                    t.value(),
                                    details.taxIdStatus().name().toLowerCase(java.util.Locale.ROOT)),
                    details.taxExempt(),
                    details.taxExemptReason());
        }
    }
}
