package com.abacus.payments.internal.processor;

import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentSearchParams;
import com.stripe.param.PaymentMethodCreateParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.SetupIntentCreateParams;
import java.net.URI;
import java.time.Duration;

/**
 * The new processor, Stripe-shaped: PaymentIntents confirmed server-side, Refunds, SetupIntents for zero-amount
 * verification. Talks to {@code baseUrl} through the official stripe-java SDK. The SDK's own retries are off: an
 * unanswered request becomes an unknown payment that the reconciler settles by looking it up.
 */
public class StripeProcessor implements PaymentProcessor {

    static final String KEY_METADATA = "abacus_idempotency_key";

    private final StripeClient stripe;
    private final StripeBankDebitsAndWallets otherMethods;

    public StripeProcessor(URI baseUrl, String apiKey, Duration timeout) {
        this(baseUrl, apiKey, timeout, URI.create("http://localhost:8080"));
    }

    /** @param publicUrl where customers reach Abacus, for PayPal's way back to the order */
    public StripeProcessor(URI baseUrl, String apiKey, Duration timeout, URI publicUrl) {
        this.stripe = StripeClient.builder()
                .setApiKey(apiKey)
                .setApiBase(baseUrl.toString().replaceAll("/$", ""))
                .setConnectTimeout((int) Math.min(timeout.toMillis(), 2000))
                .setReadTimeout((int) timeout.toMillis())
                .setMaxNetworkRetries(0)
                .build();
        this.otherMethods = new StripeBankDebitsAndWallets(stripe, publicUrl);
    }

    @Override
    public String tokenizeBankAccount(BankAccount account) {
        try {
            return otherMethods.sepaMandate(account);
        } catch (StripeException e) {
            throw new ProcessorException(StripeOutcomes.code(e), e.getMessage());
        }
    }

    @Override
    public String createPayPalAgreement(String currency) {
        try {
            return otherMethods.payPalAgreement();
        } catch (StripeException e) {
            throw new ProcessorException(StripeOutcomes.code(e), e.getMessage());
        }
    }

    @Override
    public String adapter() {
        return "stripe";
    }

    @Override
    public CardToken tokenize(CardDetails card) {
        try {
            var method = stripe.v1()
                    .paymentMethods()
                    .create(PaymentMethodCreateParams.builder()
                            .setType(PaymentMethodCreateParams.Type.CARD)
                            .setCard(PaymentMethodCreateParams.CardDetails.builder()
                                    .setNumber(card.number())
                                    .setExpMonth((long) card.expMonth())
                                    .setExpYear((long) card.expYear())
                                    .setCvc(card.cvc())
                                    .build())
                            .build());
            return new CardToken(
                    method.getId(),
                    method.getCard().getBrand(),
                    method.getCard().getLast4());
        } catch (StripeException e) {
            throw new ProcessorException(StripeOutcomes.code(e), e.getMessage());
        }
    }

    @Override
    public ChargeOutcome charge(ChargeCommand command) {
        try {
            PaymentIntent intent = stripe.v1()
                    .paymentIntents()
                    .create(
                            params(command).build(),
                            RequestOptions.builder()
                                    .setIdempotencyKey(command.idempotencyKey())
                                    .build());
            return StripeOutcomes.outcome(intent);
        } catch (CardException e) {
            String ref = e.getStripeError() != null && e.getStripeError().getPaymentIntent() != null
                    ? e.getStripeError().getPaymentIntent().getId()
                    : null;
            if ("authentication_required".equals(e.getCode())) {
                return new ChargeOutcome(Result.REQUIRES_ACTION, ref, e.getCode(), e.getMessage());
            }
            return new ChargeOutcome(
                    Result.DECLINED,
                    ref,
                    e.getDeclineCode() != null ? e.getDeclineCode() : e.getCode(),
                    e.getMessage());
        } catch (StripeException e) {
            return StripeOutcomes.failure(e);
        }
    }

    private PaymentIntentCreateParams.Builder params(ChargeCommand command) {
        var params = PaymentIntentCreateParams.builder()
                .setAmount(command.amount().minor())
                .setCurrency(command.amount().currencyCode().toLowerCase())
                .setConfirm(true)
                .setDescription(command.description())
                .putMetadata(KEY_METADATA, command.idempotencyKey())
                .putMetadata("reference", command.reference() == null ? "" : command.reference());
        return command.methodType() == com.abacus.payments.PaymentMethodType.CARD
                ? params.setPaymentMethod(command.token()).setOffSession(true)
                : otherMethods.intent(command, params);
    }

    @Override
    public ChargeOutcome lookup(String idempotencyKey) {
        try {
            var result = stripe.v1()
                    .paymentIntents()
                    .search(PaymentIntentSearchParams.builder()
                            .setQuery("metadata['" + KEY_METADATA + "']:'" + idempotencyKey.replace("'", "") + "'")
                            .build());
            if (result.getData().isEmpty()) {
                return ChargeOutcome.of(Result.NOT_FOUND, null);
            }
            return StripeOutcomes.outcome(result.getData().get(0));
        } catch (StripeException e) {
            return StripeOutcomes.failure(e);
        }
    }

    @Override
    public RefundOutcome refund(RefundCommand command) {
        try {
            var refund = stripe.v1()
                    .refunds()
                    .create(
                            RefundCreateParams.builder()
                                    .setPaymentIntent(command.chargeReference())
                                    .setAmount(command.amount().minor())
                                    .setReason(RefundCreateParams.Reason.REQUESTED_BY_CUSTOMER)
                                    .putMetadata("reason", StripeOutcomes.truncate(command.reason()))
                                    .build(),
                            RequestOptions.builder()
                                    .setIdempotencyKey(command.idempotencyKey())
                                    .build());
            return switch (refund.getStatus()) {
                case "succeeded" -> new RefundOutcome(Result.SUCCEEDED, refund.getId(), null);
                case "pending", "requires_action" ->
                    new RefundOutcome(Result.UNKNOWN, refund.getId(), refund.getStatus());
                default -> new RefundOutcome(Result.DECLINED, refund.getId(), refund.getFailureReason());
            };
        } catch (StripeException e) {
            ChargeOutcome failure = StripeOutcomes.failure(e);
            return new RefundOutcome(failure.result(), null, failure.code());
        }
    }

    @Override
    public CardToken importToken(String legacyToken) {
        try {
            var method = stripe.v1()
                    .paymentMethods()
                    .create(PaymentMethodCreateParams.builder()
                            .setType(PaymentMethodCreateParams.Type.CARD)
                            .setCard(PaymentMethodCreateParams.Token.builder()
                                    .setToken(legacyToken)
                                    .build())
                            .build());
            return new CardToken(
                    method.getId(),
                    method.getCard().getBrand(),
                    method.getCard().getLast4());
        } catch (StripeException e) {
            throw new ProcessorException(StripeOutcomes.code(e), e.getMessage());
        }
    }

    @Override
    public boolean verify(String token, String currency) {
        try {
            var intent = stripe.v1()
                    .setupIntents()
                    .create(SetupIntentCreateParams.builder()
                            .setPaymentMethod(token)
                            .setConfirm(true)
                            .setUsage(SetupIntentCreateParams.Usage.OFF_SESSION)
                            .addPaymentMethodType("card")
                            .build());
            return "succeeded".equals(intent.getStatus());
        } catch (StripeException e) {
            return false;
        }
    }
}
