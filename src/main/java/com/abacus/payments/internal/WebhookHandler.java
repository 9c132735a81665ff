package com.abacus.payments.internal;

import com.abacus.payments.Processor;
import com.abacus.payments.internal.PaymentRepository.PaymentRow;
import com.abacus.payments.internal.processor.PaymentProcessor.ChargeOutcome;
import com.abacus.payments.internal.processor.PaymentProcessor.Result;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies processor notifications. Replay-safe: each event id is handled once (the dedup row commits with the
 * effect). Out-of-order-safe: settlement only moves payments forward.
 */
@Component
public class WebhookHandler {

    private static final Logger log = LoggerFactory.getLogger(WebhookHandler.class);

    private final WebhookEventRepository deliveries;
    private final PaymentRepository payments;
    private final RefundRepository refundRows;
    private final PaymentSettlement settlement;
    private final Reversals reversals;
    private final TransactionTemplate transactions;
    private final Clock clock;

    WebhookHandler(
            WebhookEventRepository deliveries,
            PaymentRepository payments,
            RefundRepository refundRows,
            PaymentSettlement settlement,
            Reversals reversals,
            TransactionTemplate transactions,
            Clock clock) {
        this.deliveries = deliveries;
        this.payments = payments;
        this.refundRows = refundRows;
        this.settlement = settlement;
        this.reversals = reversals;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** What a notification says happened. */
    public sealed interface Notice {
        record Charge(String processorReference, String idempotencyKey, Result result, String code) implements Notice {}

        record RefundSettled(String processorReference, Result result, String code) implements Notice {}

        /** A settled charge the customer's bank took back (a dispute, a SEPA return after settlement). */
        record Reversed(com.abacus.payments.internal.processor.PaymentProcessor.Reversal reversal) implements Notice {}

        /**
         * A charge's state as the processor told us when asked, after a notice that only said something happened (PayPal:
         * an order approved, and captured by the asking).
         */
        record LookedUp(String processorReference, ChargeOutcome outcome) implements Notice {}

        record Ignored(String type) implements Notice {}
    }

    /** @return false when the event was a duplicate delivery */
    public boolean handle(Processor processor, String eventId, String type, Notice notice) {
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            if (!deliveries.firstDelivery(processor, eventId, type, clock.instant())) {
                return false;
            }
            if (notice instanceof Notice.Charge charge) {
                charge(processor, charge);
            } else if (notice instanceof Notice.RefundSettled refund) {
                refundRows
                        .findRefundByProcessorRef(processor, refund.processorReference())
                        .ifPresentOrElse(
                                row -> settlement.settleRefund(
                                        row, refund.result(), refund.processorReference(), refund.code()),
                                () -> log.info("Webhook {} for unknown refund {}", type, refund.processorReference()));
            } else if (notice instanceof Notice.LookedUp lookedUp) {
                settle(processor, lookedUp.processorReference(), null, lookedUp.outcome());
            } else if (notice instanceof Notice.Reversed reversed) {
                reversals.reversed(processor, reversed.reversal());
            } else {
                log.debug("Ignoring {} webhook {}", processor, type);
            }
            return true;
        }));
    }

    private void charge(Processor processor, Notice.Charge charge) {
        settle(
                processor,
                charge.processorReference(),
                charge.idempotencyKey(),
                new ChargeOutcome(charge.result(), charge.processorReference(), charge.code(), null));
    }

    private void settle(Processor processor, String processorReference, String idempotencyKey, ChargeOutcome outcome) {
        Optional<PaymentRow> row =
                Optional.ofNullable(processorReference).flatMap(ref -> payments.findByProcessorRef(processor, ref));
        if (row.isEmpty() && idempotencyKey != null) {
            row = payments.findByKey(idempotencyKey);
        }
        if (row.isEmpty()) {
            log.info("Webhook for unknown {} charge {}", processor.slug(), processorReference);
            return;
        }
        settlement.settle(row.get().payment(), outcome);
    }
}
