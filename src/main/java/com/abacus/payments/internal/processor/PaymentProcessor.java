package com.abacus.payments.internal.processor;

import com.abacus.shared.Money;

/**
 * The boundary to a payment processor. Adapters translate to one processor's HTTP API (or the in-process sandbox);
 * everything above this interface is processor-neutral. Calls never throw for processor outcomes: a decline, a 5xx
 * and a timeout are results the caller must handle differently.
 */
public interface PaymentProcessor {

    /** Name of the adapter, e.g. {@code sandbox}, {@code stripe}, {@code legacy-gateway}. */
    String adapter();

    CardToken tokenize(CardDetails card);

    ChargeOutcome charge(ChargeCommand command);

    /** Finds the charge made with our idempotency key, to settle an unknown outcome without charging again. */
    ChargeOutcome lookup(String idempotencyKey);

    RefundOutcome refund(RefundCommand command);

    /** Copies a card saved at the legacy processor into this processor's vault (processor-to-processor migration). */
    CardToken importToken(String legacyToken);

    /** Zero-amount authorisation: is this token chargeable? */
    boolean verify(String token, String currency);

    /**
     * The customer's answer to the bank's authentication challenge (3-D Secure) for a charge that requires it. Only the
     * sandbox takes it here; at a real processor the customer answers on the processor's own page, and its webhook (or
     * the reconciler's lookup) brings the verdict.
     *
     * @return false if this processor does not take the answer here, or the charge is not waiting for one
     */
    default boolean authenticate(String processorReference, boolean approved) {
        return false;
    }

    record CardDetails(String number, int expMonth, int expYear, String cvc) {}

    record CardToken(String token, String brand, String last4) {}

    record ChargeCommand(String token, Money amount, String idempotencyKey, String reference, String description) {}

    record RefundCommand(String chargeReference, Money amount, String idempotencyKey, String reason) {}

    enum Result {
        /** Money captured. */
        SUCCEEDED,
        /** Refused (card declined, invalid request); no money moved. */
        DECLINED,
        /** The bank wants customer authentication (3-D Secure). */
        REQUIRES_ACTION,
        /** No verdict (timeout, ambiguous 5xx): money may or may not have moved. */
        UNKNOWN,
        /** Processor unavailable before processing (refused connection, 503): no money moved, another processor may try. */
        ERROR,
        /** Lookup found nothing with this key: the charge never reached the processor. */
        NOT_FOUND
    }

    record ChargeOutcome(Result result, String processorReference, String code, String message) {

        public static ChargeOutcome of(Result result, String reference) {
            return new ChargeOutcome(result, reference, null, null);
        }
    }

    record RefundOutcome(Result result, String processorReference, String code) {}

    /** The processor rejected a non-charge call (tokenise, import). */
    class ProcessorException extends RuntimeException {

        private final String code;

        public ProcessorException(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
