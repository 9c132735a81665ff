package com.abacus.payments;

import com.abacus.shared.AccountId;
import java.time.Instant;
import java.util.UUID;

/**
 * A saved payment method, of one {@link PaymentMethodType}. A card keeps its brand, last four digits and expiry; a SEPA
 * mandate the IBAN's country and last four, its reference and when the customer accepted it; a PayPal billing
 * agreement its reference. What can be charged lives at the processors as tokens.
 */
public record PaymentMethod(
        UUID id,
        AccountId accountId,
        String brand,
        String last4,
        int expMonth,
        int expYear,
        boolean onLegacy,
        boolean onNew,
        Instant migratedAt,
        boolean isDefault,
        PaymentMethodType type,
        PaymentMethodStatus status,
        String country,
        String mandateReference,
        Instant mandateAcceptedAt) {

    /** A saved card, active. */
    public static PaymentMethod card(
            UUID id,
            AccountId accountId,
            String brand,
            String last4,
            int expMonth,
            int expYear,
            boolean onLegacy,
            boolean onNew,
            Instant migratedAt,
            boolean isDefault) {
        return new PaymentMethod(
                id,
                accountId,
                brand,
                last4,
                expMonth,
                expYear,
                onLegacy,
                onNew,
                migratedAt,
                isDefault,
                PaymentMethodType.CARD,
                PaymentMethodStatus.ACTIVE,
                null,
                null,
                null);
    }

    public boolean chargeable() {
        return status != PaymentMethodStatus.REVOKED;
    }

    /** As a person reads it: "Visa •••• 4242", "PayPal", "SEPA Direct Debit DE •••• 3000". */
    public String label() {
        return switch (type) {
            case CARD ->
                (brand == null || brand.isEmpty()
                                ? "Card"
                                : Character.toUpperCase(brand.charAt(0)) + brand.substring(1))
                        + " •••• " + last4;
            case PAYPAL -> "PayPal";
            case SEPA_DEBIT -> "SEPA Direct Debit " + country + " •••• " + last4;
        };
    }

    /**
     * The label with what a person needs next to it: a card's expiry, a mandate's reference, and any status but active
     * ("Visa •••• 4242 (expires 12/2031)", "PayPal (waiting for approval)", "SEPA Direct Debit DE •••• 3000 (mandate
     * ABACUS-…, revoked)").
     */
    public String description() {
        String detail = switch (type) {
            case CARD -> "expires " + expMonth + "/" + expYear;
            case PAYPAL -> null;
            case SEPA_DEBIT -> "mandate " + mandateReference;
        };
        String state = switch (status) {
            case ACTIVE -> null;
            case PENDING_APPROVAL -> "waiting for approval";
            case REVOKED -> "revoked";
        };
        String details = detail == null ? state : state == null ? detail : detail + ", " + state;
        return details == null ? label() : label() + " (" + details + ")";
    }
}
