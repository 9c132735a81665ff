package com.abacus.shared;

/**
 * A refusal the caller can act on. The web layer turns it into an RFC 9457 problem; {@link #kind()} decides the status
 * so domain code never speaks HTTP.
 */
public class DomainException extends RuntimeException {

    public enum Kind {
        INVALID,
        NOT_FOUND,
        CONFLICT,
        PAYMENT_FAILED,
        FORBIDDEN,
        UNAVAILABLE
    }

    private final Kind kind;
    private final String code;
    private final java.util.Map<String, Object> details;

    public DomainException(Kind kind, String code, String message) {
        this(kind, code, message, java.util.Map.of());
    }

    /** @param details extra facts for the caller (e.g. the order id and decline code), added to the problem as members */
    public DomainException(Kind kind, String code, String message, java.util.Map<String, Object> details) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.details = java.util.Map.copyOf(details);
    }

    public java.util.Map<String, Object> details() {
        return details;
    }

    public Kind kind() {
        return kind;
    }

    /** Stable, documented problem code, e.g. {@code payment-declined}. */
    public String code() {
        return code;
    }
}
