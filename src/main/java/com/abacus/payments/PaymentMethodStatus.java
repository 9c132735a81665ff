package com.abacus.payments;

/**
 * Whether a saved method can be charged. {@code PENDING_APPROVAL}: a PayPal billing agreement the customer has not
 * approved on PayPal's page yet. {@code REVOKED}: the bank or the customer revoked the SEPA mandate; it is never charged
 * again.
 */
public enum PaymentMethodStatus {
    ACTIVE,
    PENDING_APPROVAL,
    REVOKED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
