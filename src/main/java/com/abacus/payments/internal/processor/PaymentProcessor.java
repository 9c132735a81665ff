package com.abacus.payments.internal.processor;

import com.abacus.shared.Money;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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

    /**
     * Finds a charge by all we know of it: the call we made, and the processor's reference if its answer gave one. A
     * processor that cannot search by our key (PayPal's Orders API) reads it by the reference, or sends the call again
     * under the same key.
     */
    default ChargeOutcome lookup(ChargeCommand command, String processorReference) {
        return lookup(command.idempotencyKey());
    }

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

    /**
     * Saves a bank account for SEPA Direct Debit under a mandate: the whole IBAN goes to the processor here, once.
     *
     * @throws ProcessorException if this processor does not take SEPA debits, or refuses the account
     */
    default String tokenizeBankAccount(BankAccount account) {
        throw new ProcessorException("method_unsupported", adapter() + " does not take SEPA Direct Debit");
    }

    /**
     * Starts a PayPal billing agreement: the token is charged like a card's, but its first charge waits for the
     * customer's approval on PayPal's page (REQUIRES_ACTION with the page's URL); once approved it is vaulted for
     * renewals.
     */
    default String createPayPalAgreement(String currency) {
        throw new ProcessorException("method_unsupported", adapter() + " does not take PayPal");
    }

    /**
     * Whether a delivery to {@code /webhooks/paypal} is PayPal's: PayPal signs with a certificate, and its own
     * verification call checks the transmission headers ({@code auth_algo, cert_url, transmission_id,
     * transmission_sig, transmission_time}) against the event. Only an adapter that speaks PayPal's REST API can say.
     */
    default boolean payPalWebhookGenuine(
            java.util.Map<String, String> transmission, tools.jackson.databind.JsonNode event) {
        return false;
    }

    /** Debits reversed by the customer's bank after they settled (SEPA returns, chargebacks) that we have not heard of. */
    default List<Reversal> reversalsDue() {
        return List.of();
    }

    /** When this processor next has news for a test clock's charges (the sandbox's delayed settlement and reversals). */
    default Optional<Instant> nextEventOnClock(UUID testClockId, Instant after) {
        return Optional.empty();
    }

    /** A bank account to debit: the IBAN (handed over once), the mandate, and the holder the processor must name. */
    record BankAccount(String iban, String mandateReference, Instant acceptedAt, String holderName, String email) {}

    /** A settled charge the bank took back: the amount reversed and the fee the processor charges for it. */
    record Reversal(String chargeReference, String reversalReference, Money amount, Money fee, String reason) {}

    record CardDetails(String number, int expMonth, int expYear, String cvc) {}

    record CardToken(String token, String brand, String last4) {}

    /** @param methodType what the token is: a card, a PayPal agreement, a SEPA mandate */
    record ChargeCommand(
            String token,
            Money amount,
            String idempotencyKey,
            String reference,
            String description,
            com.abacus.payments.PaymentMethodType methodType) {

        public ChargeCommand(String token, Money amount, String idempotencyKey, String reference, String description) {
            this(token, amount, idempotencyKey, reference, description, com.abacus.payments.PaymentMethodType.CARD);
        }
    }

    /** @param methodType what was charged: the legacy slot refunds PayPal through PayPal, cards through its gateway */
    record RefundCommand(
            String chargeReference,
            Money amount,
            String idempotencyKey,
            String reason,
            com.abacus.payments.PaymentMethodType methodType) {

        public RefundCommand(String chargeReference, Money amount, String idempotencyKey, String reason) {
            this(chargeReference, amount, idempotencyKey, reason, com.abacus.payments.PaymentMethodType.CARD);
        }
    }

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
        NOT_FOUND,
        /** A bank debit was accepted for processing; it settles (or fails) later, by {@code settlesAt}. */
        PROCESSING
    }

    /**
     * @param settlesAt a PROCESSING debit: when the processor expects to know whether it settled
     * @param actionUrl a REQUIRES_ACTION charge the customer approves on the processor's page (PayPal): that page
     * @param savedToken the token to charge the method by from now on, when this charge made one (PayPal's vault id)
     */
    record ChargeOutcome(
            Result result,
            String processorReference,
            String code,
            String message,
            Instant settlesAt,
            String actionUrl,
            String savedToken) {

        public ChargeOutcome(
                Result result,
                String processorReference,
                String code,
                String message,
                Instant settlesAt,
                String actionUrl) {
            this(result, processorReference, code, message, settlesAt, actionUrl, null);
        }

        public ChargeOutcome(Result result, String processorReference, String code, String message) {
            this(result, processorReference, code, message, null, null, null);
        }

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
