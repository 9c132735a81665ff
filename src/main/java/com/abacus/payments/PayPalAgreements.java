package com.abacus.payments;

import com.abacus.payments.internal.PaymentMethodRepository;
import com.abacus.payments.internal.PaymentMethodRepository.OtherMethod;
import com.abacus.payments.internal.ProcessorRegistry;
import com.abacus.payments.internal.Router;
import com.abacus.payments.internal.processor.PaymentProcessor;
import com.abacus.shared.AccountId;
import com.abacus.shared.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * PayPal billing agreements. One is started at checkout, pending the customer's approval: its first charge sends the
 * customer to PayPal's approval page; approved, the agreement is vaulted at the processor and renewals charge it
 * without the customer. Canceled at PayPal, the agreement is not kept.
 */
@Service
public class PayPalAgreements {

    private final PaymentMethodRepository methods;
    private final Router router;
    private final ProcessorRegistry processors;
    private final Clock clock;

    PayPalAgreements(PaymentMethodRepository methods, Router router, ProcessorRegistry processors, Clock clock) {
        this.methods = methods;
        this.router = router;
        this.processors = processors;
        this.clock = clock;
    }

    /** Starts an agreement, the account's default method from now on, pending approval. */
    public PaymentMethod start(AccountId account, String currency) {
        Processor slot = router.processorForNewMethod(account, PaymentMethodType.PAYPAL, currency);
        String token;
        try {
            token = processors.get(slot).createPayPalAgreement(currency);
        } catch (PaymentProcessor.ProcessorException e) {
            throw new DomainException(
                    DomainException.Kind.PAYMENT_FAILED,
                    "paypal-unavailable",
                    "PayPal could not be started: " + e.code());
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        methods.insertOther(
                new OtherMethod(
                        id,
                        account,
                        PaymentMethodType.PAYPAL,
                        PaymentMethodStatus.PENDING_APPROVAL,
                        slot,
                        token,
                        null,
                        null,
                        null,
                        null,
                        null),
                now);
        return methods.find(id, account).orElseThrow().method();
    }
}
