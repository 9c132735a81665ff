package com.abacus.payments.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param processors the two processor slots, {@code legacy} and {@code new}, each bound to an adapter
 * @param timeout how long a processor call may take before its outcome is unknown
 * @param reconcileAfter how old an unsettled payment or refund must be before the reconciler asks the processor
 * @param abandonActionAfter a payment still waiting for customer authentication after this is failed
 * @param tokenMigrationBatch cards copied to the new processor per run of the migration job
 * @param halt when the new processor is halted automatically
 * @param statsWindow window of the dashboard's success rates and volumes
 * @param sandboxNewFailurePercent sandbox only: share of new-processor charges that fail, to rehearse a halt
 * @param sandboxLatency sandbox only: how long each call takes, like a real processor's network round trip
 * @param publicUrl where customers reach Abacus (PayPal sends them back to their order there)
 * @param sepa SEPA Direct Debit: the mandate's creditor, and the sandbox's settlement delay and reversal fee
 */
@ConfigurationProperties("abacus.payments")
public record PaymentSettings(
        Map<String, ProcessorSettings> processors,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("2m") Duration reconcileAfter,
        @DefaultValue("1d") Duration abandonActionAfter,
        @DefaultValue("100") int tokenMigrationBatch,
        @DefaultValue Halt halt,
        @DefaultValue("24h") Duration statsWindow,
        @DefaultValue("0") int sandboxNewFailurePercent,
        @DefaultValue("0ms") Duration sandboxLatency,
        @DefaultValue Sepa sepa,
        @DefaultValue("http://localhost:8080") URI publicUrl) {

    /**
     * @param settlementBusinessDays how many business days (Monday to Friday) a debit takes to settle at the sandbox
     * @param creditorName who collects, as the mandate names it
     * @param creditorId the SEPA creditor identifier the mandate names
     * @param disputeFeeMinor the fee the sandbox charges for a reversed debit, in the debit's minor units
     */
    public record Sepa(
            @DefaultValue("3") int settlementBusinessDays,
            @DefaultValue("Abacus Billing Ltd") String creditorName,
            @DefaultValue("DE98ZZZ09999999999") String creditorId,
            @DefaultValue("750") long disputeFeeMinor) {}

    /**
     * @param adapter {@code sandbox}, {@code stripe} (new) or {@code legacy-gateway} (legacy)
     * @param merchantId legacy gateway only
     * @param methods the payment methods this slot takes ({@code card}, {@code paypal}, {@code sepa_debit}); empty:
     *     the slot's defaults (legacy: card and PayPal; new: all three)
     * @param currencies the currencies this slot takes; empty: every currency
     * @param paypal legacy gateway only: PayPal's REST API, which takes the slot's PayPal charges
     */
    public record ProcessorSettings(
            @DefaultValue("sandbox") String adapter,
            URI baseUrl,
            String merchantId,
            String apiKey,
            String webhookSecret,
            List<String> methods,
            List<String> currencies,
            PayPalRest paypal) {

        /** Whether this slot can take PayPal at all: the sandbox and Stripe can, the legacy gateway through PayPal's API. */
        public boolean canTakePayPal() {
            return !"legacy-gateway".equals(adapter) || (paypal != null && paypal.baseUrl() != null);
        }
    }

    /**
     * @param baseUrl PayPal's REST API, e.g. {@code https://api-m.sandbox.paypal.com}
     * @param webhookId the id PayPal gave our {@code /webhooks/paypal} endpoint (its signature check names it)
     */
    public record PayPalRest(URI baseUrl, String clientId, String clientSecret, String webhookId) {}

    /**
     * @param failurePercent processor errors and timeouts per attempts above which the new processor is halted
     * @param window the window the rate is computed over
     * @param minAttempts no halt on fewer attempts than this in the window
     */
    public record Halt(
            @DefaultValue("20") int failurePercent,
            @DefaultValue("5m") Duration window,
            @DefaultValue("20") int minAttempts) {}
}
