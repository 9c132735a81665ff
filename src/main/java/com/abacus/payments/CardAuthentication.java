package com.abacus.payments;

import com.abacus.payments.internal.PaymentRepository;
import com.abacus.payments.internal.PaymentRepository.PaymentRow;
import com.abacus.payments.internal.PaymentSettlement;
import com.abacus.payments.internal.ProcessorRegistry;
import com.abacus.payments.internal.processor.PaymentProcessor;
import com.abacus.shared.AccountId;
import com.abacus.shared.DomainException;
import com.abacus.shared.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * A charge the customer's bank wants confirmed (3-D Secure): the customer answers the challenge, and the charge is
 * settled through the same path as every other verdict (looked up at the processor by our key, then settled once).
 * The sandbox takes the answer here; a real processor takes it on its own page and tells us by webhook.
 */
@Service
public class CardAuthentication {

    private final PaymentRepository payments;
    private final ProcessorRegistry processors;
    private final PaymentSettlement settlement;

    CardAuthentication(PaymentRepository payments, ProcessorRegistry processors, PaymentSettlement settlement) {
        this.payments = payments;
        this.processors = processors;
        this.settlement = settlement;
    }

    /** The account's payment that waits for the customer to authenticate; another account's is "not found". */
    public Payment awaiting(AccountId account, PaymentId id) {
        Payment payment = owned(account, id).payment();
        if (payment.status() != PaymentStatus.REQUIRES_ACTION) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "not-awaiting-authentication",
                    "This payment does not wait for authentication (it is "
                            + payment.status().name().toLowerCase() + ")");
        }
        return payment;
    }

    /** @return the payment as it stands after the answer: succeeded or failed */
    public Payment answer(AccountId account, PaymentId id, boolean approved) {
        Payment payment = awaiting(account, id);
        PaymentRow row = owned(account, id);
        PaymentProcessor processor = processors.get(payment.processor());
        if (!processor.authenticate(payment.processorReference(), approved)) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "authentication-at-processor",
                    "This payment is authenticated on the processor's own page");
        }
        settlement.settle(payment, processor.lookup(row.idempotencyKey()));
        return payments.find(id).orElseThrow().payment();
    }

    private PaymentRow owned(AccountId account, PaymentId id) {
        return payments.find(id)
                .filter(row -> row.payment().accountId().equals(account))
                .orElseThrow(() -> new NotFoundException("payment", id));
    }
}
