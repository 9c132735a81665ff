package com.abacus.payments.internal;

import com.abacus.payments.internal.RefundRepository.RefundRow;
import com.abacus.payments.internal.processor.PaymentProcessor.RefundCommand;
import com.abacus.payments.internal.processor.PaymentProcessor.RefundOutcome;
import com.abacus.payments.internal.processor.PaymentProcessor.Result;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Refunds left pending (a timeout, a crash) are re-sent with their original key, which the processor deduplicates. */
@Component
class PendingRefunds {

    private final RefundRepository refundRows;
    private final PaymentRepository payments;
    private final ProcessorRegistry processors;
    private final PaymentSettlement settlement;
    private final Clock clock;

    PendingRefunds(
            RefundRepository refundRows,
            PaymentRepository payments,
            ProcessorRegistry processors,
            PaymentSettlement settlement,
            Clock clock) {
        this.refundRows = refundRows;
        this.payments = payments;
        this.processors = processors;
        this.settlement = settlement;
        this.clock = clock;
    }

    /** @return how many refunds were settled */
    int resend(Instant updatedBefore) {
        int settled = 0;
        for (RefundRow row : refundRows.pendingRefunds(updatedBefore, 500)) {
            var refund = row.refund();
            var payment = payments.find(refund.paymentId()).orElseThrow().payment();
            RefundOutcome outcome = processors
                    .get(refund.processor())
                    .refund(new RefundCommand(
                            payment.processorReference(),
                            refund.amount(),
                            row.idempotencyKey(),
                            refund.reason(),
                            payment.methodType()));
            if (outcome.result() == Result.UNKNOWN) {
                refundRows.touchRefund(refund.id(), clock.instant());
                continue;
            }
            if (settlement.settleRefund(row, outcome.result(), outcome.processorReference(), outcome.code())) {
                settled++;
            }
        }
        return settled;
    }
}
