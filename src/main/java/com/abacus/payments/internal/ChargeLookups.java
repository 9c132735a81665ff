package com.abacus.payments.internal;

import com.abacus.payments.Payment;
import com.abacus.payments.Processor;
import com.abacus.payments.internal.PaymentRepository.PaymentRow;
import com.abacus.payments.internal.processor.PaymentProcessor.ChargeCommand;
import com.abacus.payments.internal.processor.PaymentProcessor.ChargeOutcome;
import org.springframework.stereotype.Component;

/**
 * Asks a charge's processor what became of it, telling it all we know: the call we made (rebuilt from the payment and
 * its method's token) and the reference its answer gave. Cards are found by our key; PayPal's Orders API needs the
 * rest.
 */
@Component
public class ChargeLookups {

    private final ProcessorRegistry processors;
    private final PaymentMethodRepository methods;
    private final PaymentRepository payments;

    ChargeLookups(ProcessorRegistry processors, PaymentMethodRepository methods, PaymentRepository payments) {
        this.processors = processors;
        this.methods = methods;
        this.payments = payments;
    }

    /** The state of the slot's charge with this processor reference; empty if no payment of ours has it. */
    public java.util.Optional<ChargeOutcome> lookup(Processor slot, String processorReference) {
        return payments.findByProcessorRef(slot, processorReference).map(this::lookup);
    }

    public ChargeOutcome lookup(PaymentRow row) {
        Payment payment = row.payment();
        String token = payment.paymentMethodId() == null
                ? null
                : methods.find(payment.paymentMethodId(), payment.accountId())
                        .map(m -> payment.processor() == Processor.LEGACY ? m.legacyToken() : m.newToken())
                        .orElse(null);
        ChargeCommand command = new ChargeCommand(
                token,
                payment.amount(),
                row.idempotencyKey(),
                payment.reference(),
                payment.description(),
                payment.methodType());
        return processors.get(payment.processor()).lookup(command, payment.processorReference());
    }

    /** When a processor next has news for a test clock's charges (the sandbox's delayed settlement and reversals). */
    public java.util.Optional<java.time.Instant> nextEventOnClock(java.util.UUID testClockId, java.time.Instant after) {
        return java.util.Arrays.stream(Processor.values())
                .flatMap(slot -> processors.get(slot).nextEventOnClock(testClockId, after).stream())
                .min(java.time.Instant::compareTo);
    }
}
