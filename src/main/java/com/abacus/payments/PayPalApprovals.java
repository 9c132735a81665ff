package com.abacus.payments;

import com.abacus.payments.internal.ChargeLookups;
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
 * The customer's answer on the sandbox's PayPal approval page: approve or cancel a charge waiting for it. The answer
 * goes to the processor, and the charge is settled through the same path as every verdict (looked up by our key, then
 * settled once), so two answers racing, or the page submitted twice, complete the order once. A real PayPal takes the
 * answer on its own page and tells us by webhook.
 */
@Service
public class PayPalApprovals {

    private final PaymentRepository payments;
    private final ProcessorRegistry processors;
    private final PaymentSettlement settlement;
    private final ChargeLookups lookups;

    PayPalApprovals(
            PaymentRepository payments,
            ProcessorRegistry processors,
            PaymentSettlement settlement,
            ChargeLookups lookups) {
        this.payments = payments;
        this.lookups = lookups;
        this.processors = processors;
        this.settlement = settlement;
    }

    /**
     * The account's PayPal charge waiting for approval at this processor reference. Another account's is "not found";
     * one already answered is a conflict (the link was used).
     */
    public Payment awaiting(AccountId account, String processorReference) {
        Payment payment = owned(account, processorReference).payment();
        if (payment.status() != PaymentStatus.REQUIRES_ACTION) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "approval-used",
                    "This approval link was used already: the payment is "
                            + payment.status().name().toLowerCase());
        }
        return payment;
    }

    /** @return the payment after the answer: succeeded (approved) or failed (canceled) */
    public Payment answer(AccountId account, String processorReference, boolean approved) {
        PaymentRow row = owned(account, processorReference);
        Payment payment = awaiting(account, processorReference);
        PaymentProcessor processor = processors.get(payment.processor());
        boolean answered = processor.authenticate(payment.processorReference(), approved);
        // Whoever answered, the processor's ledger now holds the verdict; settling it is idempotent.
        settlement.settle(payment, lookups.lookup(row));
        Payment after = payments.find(payment.id()).orElseThrow().payment();
        if (!answered && after.status() == PaymentStatus.REQUIRES_ACTION) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "approval-at-processor",
                    "This payment is approved on the processor's own page");
        }
        return after;
    }

    /**
     * The customer is back from PayPal's own page, whose return URL names the PayPal order: asked now, an approval
     * becomes a capture without waiting for PayPal's webhook or the reconciler. A token of another account's, or of a
     * charge answered already, changes nothing.
     */
    public void returned(AccountId account, String processorReference) {
        PaymentRow row;
        try {
            row = owned(account, processorReference);
        } catch (NotFoundException e) {
            return;
        }
        if (row.payment().status() == PaymentStatus.REQUIRES_ACTION) {
            settlement.settle(row.payment(), lookups.lookup(row));
        }
    }

    private PaymentRow owned(AccountId account, String processorReference) {
        for (Processor slot : Processor.values()) {
            var row = payments.findByProcessorRef(slot, processorReference);
            if (row.isPresent()
                    && row.get().payment().accountId().equals(account)
                    && row.get().payment().methodType() == PaymentMethodType.PAYPAL) {
                return row.get();
            }
        }
        throw new NotFoundException("approval", processorReference);
    }
}
