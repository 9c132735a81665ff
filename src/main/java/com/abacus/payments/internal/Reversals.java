package com.abacus.payments.internal;

import com.abacus.payments.Payment;
import com.abacus.payments.PaymentReversed;
import com.abacus.payments.Processor;
import com.abacus.payments.internal.processor.PaymentProcessor.Result;
import com.abacus.payments.internal.processor.PaymentProcessor.Reversal;
import com.abacus.shared.Money;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A settled payment the customer's bank took back. What is still unrefunded of it becomes a refund made by the
 * processor (so the invoice is credited and revenue reversed through the one refund path, and nothing can be refunded
 * twice), and the processor's fee is announced for revenue to book. Reported more than once (a webhook redelivered,
 * the sandbox and a lookup), it is acted on once: the refund's key is the reversal's reference.
 */
@Component
public class Reversals {

    private static final Logger log = LoggerFactory.getLogger(Reversals.class);

    private final PaymentRepository payments;
    private final RefundRepository refunds;
    private final PaymentSettlement settlement;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ProcessorRegistry processors;

    Reversals(
            PaymentRepository payments,
            RefundRepository refunds,
            PaymentSettlement settlement,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock,
            ProcessorRegistry processors) {
        this.processors = processors;
        this.payments = payments;
        this.refunds = refunds;
        this.settlement = settlement;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** @return true if this call recorded the reversal */
    /**
     * Settled debits the customer's bank took back since, as processors that are asked report them (those that report
     * them by webhook report none here).
     *
     * @return how many were new
     */
    int collectReported() {
        int reversed = 0;
        for (Processor slot : Processor.values()) {
            for (Reversal reversal : processors.get(slot).reversalsDue()) {
                if (reversed(slot, reversal)) {
                    reversed++;
                }
            }
        }
        return reversed;
    }

    public boolean reversed(Processor slot, Reversal reversal) {
        String key = "reversal:" + slot.slug() + ":" + reversal.reversalReference();
        if (refunds.findRefundByKey(key).isPresent()) {
            return false;
        }
        var row = payments.findByProcessorRef(slot, reversal.chargeReference());
        if (row.isEmpty()) {
            log.warn(
                    "Reversal {} for unknown charge {} at {}",
                    reversal.reversalReference(),
                    reversal.chargeReference(),
                    slot);
            return false;
        }
        Payment payment = row.get().payment();
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            Instant now = clock.instant();
            Money amount =
                    reversal.amount().minor() > payment.refundable().minor() ? payment.refundable() : reversal.amount();
            if (amount.isPositive()) {
                if (!refunds.reserveRefund(payment.id(), amount.minor(), null, now)) {
                    return false;
                }
                UUID refundId = UUID.randomUUID();
                refunds.insertRefund(
                        refundId,
                        payment,
                        amount,
                        "Reversed by the customer's bank (" + reversal.reason() + ")",
                        "processor",
                        key,
                        false,
                        now);
                settlement.settleRefund(
                        refunds.findRefund(refundId).orElseThrow(),
                        Result.SUCCEEDED,
                        reversal.reversalReference(),
                        null);
            }
            events.publishEvent(new PaymentReversed(
                    payment.id(),
                    payment.accountId(),
                    amount.minor(),
                    reversal.fee().minor(),
                    payment.amount().currencyCode(),
                    slot,
                    reversal.reversalReference(),
                    reversal.reason(),
                    now));
            log.info("Payment {} reversed by the bank ({}), fee {}", payment.id(), reversal.reason(), reversal.fee());
            return true;
        }));
    }
}
