package com.abacus.payments.internal.processor;

import com.abacus.payments.PaymentMethodType;
import com.abacus.payments.internal.processor.PaymentProcessor.BankAccount;
import com.abacus.payments.internal.processor.PaymentProcessor.ChargeCommand;
import com.abacus.payments.internal.processor.PaymentProcessor.ChargeOutcome;
import com.abacus.payments.internal.processor.PaymentProcessor.Result;
import com.abacus.shared.ChargeReference;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentMethodCreateParams;
import com.stripe.param.SetupIntentCreateParams;
import java.net.URI;

/**
 * Stripe's SEPA Direct Debit and PayPal, beside its cards. A SEPA mandate is a {@code sepa_debit} PaymentMethod set up
 * off-session with the customer's (offline) acceptance, so later debits name the mandate; its token is {@code
 * pm_…|mandate_…}. A PayPal agreement is a {@code paypal} PaymentMethod whose first PaymentIntent redirects the
 * customer to PayPal ({@code next_action.redirect_to_url}) and is set up for future off-session charges.
 */
final class StripeBankDebitsAndWallets {

    private final StripeClient stripe;
    private final URI publicUrl;

    StripeBankDebitsAndWallets(StripeClient stripe, URI publicUrl) {
        this.stripe = stripe;
        this.publicUrl = publicUrl;
    }

    String sepaMandate(BankAccount account) throws StripeException {
        var method = stripe.v1()
                .paymentMethods()
                .create(PaymentMethodCreateParams.builder()
                        .setType(PaymentMethodCreateParams.Type.SEPA_DEBIT)
                        .setSepaDebit(PaymentMethodCreateParams.SepaDebit.builder()
                                .setIban(account.iban())
                                .build())
                        .setBillingDetails(PaymentMethodCreateParams.BillingDetails.builder()
                                .setName(account.holderName())
                                .setEmail(account.email())
                                .build())
                        .putMetadata("mandate_reference", account.mandateReference())
                        .build());
        var setup = stripe.v1()
                .setupIntents()
                .create(SetupIntentCreateParams.builder()
                        .setPaymentMethod(method.getId())
                        .addPaymentMethodType("sepa_debit")
                        .setConfirm(true)
                        .setUsage(SetupIntentCreateParams.Usage.OFF_SESSION)
                        .setMandateData(SetupIntentCreateParams.MandateData.builder()
                                .setCustomerAcceptance(SetupIntentCreateParams.MandateData.CustomerAcceptance.builder()
                                        .setType(SetupIntentCreateParams.MandateData.CustomerAcceptance.Type.OFFLINE)
                                        .setOffline(
                                                SetupIntentCreateParams.MandateData.CustomerAcceptance.Offline.builder()
                                                        .build())
                                        .setAcceptedAt(account.acceptedAt().getEpochSecond())
                                        .build())
                                .build())
                        .build());
        return method.getId() + "|" + setup.getMandate();
    }

    String payPalAgreement() throws StripeException {
        return stripe.v1()
                .paymentMethods()
                .create(PaymentMethodCreateParams.builder()
                        .setType(PaymentMethodCreateParams.Type.PAYPAL)
                        .setPaypal(PaymentMethodCreateParams.Paypal.builder().build())
                        .build())
                .getId();
    }

    /** The PaymentIntent of a SEPA debit or a PayPal charge: its method type, and the mandate or the way back. */
    PaymentIntentCreateParams.Builder intent(ChargeCommand command, PaymentIntentCreateParams.Builder params) {
        if (command.methodType() == PaymentMethodType.SEPA_DEBIT) {
            String[] token = command.token().split("\\|", 2);
            params.setPaymentMethod(token[0]).addPaymentMethodType("sepa_debit").setOffSession(true);
            if (token.length == 2 && !token[1].isEmpty() && !token[1].equals("null")) {
                params.setMandate(token[1]);
            }
            return params;
        }
        // PayPal: the first charge sends the customer to PayPal and back to their order; approved, it is kept for
        // renewals, which Stripe then captures without them.
        return params.setPaymentMethod(command.token())
                .addPaymentMethodType("paypal")
                .setSetupFutureUsage(PaymentIntentCreateParams.SetupFutureUsage.OFF_SESSION)
                .setReturnUrl(returnUrl(command.reference()));
    }

    private String returnUrl(String reference) {
        String base = publicUrl.toString().replaceAll("/$", "");
        return ChargeReference.orderOf(reference)
                .map(order -> base + "/orders/" + order)
                .orElse(base + "/account");
    }

    /** A SEPA debit submitted is processing until it settles; a PayPal charge waiting for the customer redirects. */
    static ChargeOutcome outcome(PaymentIntent intent) {
        if ("processing".equals(intent.getStatus())
                && intent.getPaymentMethodTypes() != null
                && intent.getPaymentMethodTypes().contains("sepa_debit")) {
            return new ChargeOutcome(Result.PROCESSING, intent.getId(), null, null);
        }
        if ("requires_action".equals(intent.getStatus())
                && intent.getNextAction() != null
                && intent.getNextAction().getRedirectToUrl() != null) {
            return new ChargeOutcome(
                    Result.REQUIRES_ACTION,
                    intent.getId(),
                    "approval_required",
                    null,
                    null,
                    intent.getNextAction().getRedirectToUrl().getUrl());
        }
        return null;
    }
}
