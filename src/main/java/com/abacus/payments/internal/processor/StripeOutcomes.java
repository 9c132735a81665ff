package com.abacus.payments.internal.processor;

import com.abacus.payments.internal.processor.PaymentProcessor.ChargeOutcome;
import com.abacus.payments.internal.processor.PaymentProcessor.Result;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeError;
import java.net.ConnectException;
import java.net.UnknownHostException;

/** What Stripe's answers mean for a charge: a PaymentIntent's status, or an exception (not sent, unknown, declined). */
final class StripeOutcomes {

    private StripeOutcomes() {}

    static ChargeOutcome outcome(PaymentIntent intent) {
        ChargeOutcome other = StripeBankDebitsAndWallets.outcome(intent);
        if (other != null) {
            return other;
        }
        return switch (intent.getStatus()) {
            case "succeeded" -> ChargeOutcome.of(Result.SUCCEEDED, intent.getId());
            case "requires_action", "requires_confirmation" ->
                new ChargeOutcome(Result.REQUIRES_ACTION, intent.getId(), "authentication_required", null);
            case "processing" -> new ChargeOutcome(Result.UNKNOWN, intent.getId(), "processing", null);
            default -> {
                StripeError error = intent.getLastPaymentError();
                String code = error == null
                        ? intent.getStatus()
                        : error.getDeclineCode() != null ? error.getDeclineCode() : error.getCode();
                yield new ChargeOutcome(
                        Result.DECLINED, intent.getId(), code, error == null ? null : error.getMessage());
            }
        };
    }

    /** Not sent at all (connection refused, 503, 429) is an error; anything that may have been processed is unknown. */
    static ChargeOutcome failure(StripeException e) {
        if (e instanceof ApiConnectionException) {
            Throwable cause = e.getCause();
            boolean notSent = cause instanceof ConnectException || cause instanceof UnknownHostException;
            return new ChargeOutcome(
                    notSent ? Result.ERROR : Result.UNKNOWN,
                    null,
                    notSent ? "processor_unreachable" : "timeout",
                    e.getMessage());
        }
        Integer status = e.getStatusCode();
        if (status != null && (status == 503 || status == 429)) {
            return new ChargeOutcome(Result.ERROR, null, "processor_unavailable", e.getMessage());
        }
        if (status != null && status >= 500) {
            return new ChargeOutcome(Result.UNKNOWN, null, "processor_error", e.getMessage());
        }
        return new ChargeOutcome(Result.DECLINED, null, code(e), e.getMessage());
    }

    static String code(StripeException e) {
        return e.getCode() != null ? e.getCode() : "stripe_error";
    }

    static String truncate(String value) {
        return value == null ? "" : value.length() > 450 ? value.substring(0, 450) : value;
    }
}
