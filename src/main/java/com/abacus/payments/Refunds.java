package com.abacus.payments;

import com.abacus.payments.internal.PaymentSettlement;
import com.abacus.payments.internal.ProcessorRegistry;
import com.abacus.payments.internal.RefundRepository;
import com.abacus.payments.internal.RefundRepository.RefundRow;
import com.abacus.payments.internal.processor.PaymentProcessor.RefundCommand;
import com.abacus.payments.internal.processor.PaymentProcessor.RefundOutcome;
import com.abacus.shared.AccountId;
import com.abacus.shared.DomainException;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.Money;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Refunds, full or partial, through the processor that took the money; never more than was captured. */
@Service
public class Refunds {

    private final RefundRepository refundRows;
    private final Charges charges;
    private final ProcessorRegistry processors;
    private final PaymentSettlement settlement;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Refunds(
            RefundRepository refundRows,
            Charges charges,
            ProcessorRegistry processors,
            PaymentSettlement settlement,
            TransactionTemplate transactions,
            Clock clock) {
        this.refundRows = refundRows;
        this.charges = charges;
        this.processors = processors;
        this.settlement = settlement;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Returns money through the processor that took it. The amount is reserved on the payment first with a single
     * conditional update, so refunds can never total more than was captured, even when two agents click at once.
     */
    public Refund refund(RefundRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (request.reason() == null || request.reason().isBlank()) {
            errors.put("reason", "is required");
        } else if (request.reason().length() > 500) {
            errors.put("reason", "must be at most 500 characters");
        }
        if (request.amount() == null || !request.amount().isPositive()) {
            errors.put("amount", "must be positive");
        }
        if (request.idempotencyKey() == null || request.idempotencyKey().isBlank()) {
            errors.put("idempotencyKey", "is required");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors, "Refund request is invalid");
        }
        Optional<RefundRow> previous = refundRows.findRefundByKey(request.idempotencyKey());
        if (previous.isPresent()) {
            return previous.get().refund();
        }
        Payment payment = charges.payment(request.paymentId());
        if (payment.status() == PaymentStatus.PROCESSING) {
            // The money is not there yet (and the debit may still be returned): nothing to give back until it settles.
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "payment-not-settled",
                    "This debit has not settled yet; it can be refunded once it has");
        }
        if (!payment.amount().currency().equals(request.amount().currency())) {
            throw new InvalidInputException(
                    "amount",
                    "must be in the payment's currency " + payment.amount().currencyCode());
        }
        if (request.limit() != null
                && !request.limit().currency().equals(request.amount().currency())) {
            throw new InvalidInputException(
                    "amount",
                    "must be in the limit's currency " + request.limit().currencyCode());
        }
        UUID refundId = UUID.randomUUID();
        Long limit = request.limit() == null ? null : request.limit().minor();
        try {
            Boolean reserved = transactions.execute(tx -> {
                var now = clock.instant();
                if (!refundRows.reserveRefund(payment.id(), request.amount().minor(), limit, now)) {
                    return false;
                }
                refundRows.insertRefund(
                        refundId,
                        payment,
                        request.amount(),
                        request.reason().trim(),
                        request.requestedBy(),
                        request.idempotencyKey(),
                        limit != null,
                        now);
                return true;
            });
            if (!Boolean.TRUE.equals(reserved)) {
                Payment current = charges.payment(payment.id());
                if (request.amount().compareTo(current.refundable()) > 0) {
                    throw new DomainException(
                            DomainException.Kind.CONFLICT,
                            "refund-exceeds-captured",
                            "Refund of " + request.amount() + " exceeds what remains refundable ("
                                    + current.refundable() + ")");
                }
                Money used = refundedUnderLimit(payment.id());
                throw new DomainException(
                        DomainException.Kind.FORBIDDEN,
                        "refund-above-support-limit",
                        "SUPPORT may refund at most " + request.limit() + " in total per payment (" + used
                                + " refunded so far); larger refunds need an ADMIN");
            }
        } catch (DuplicateKeyException e) {
            return refundRows
                    .findRefundByKey(request.idempotencyKey())
                    .orElseThrow()
                    .refund();
        }
        RefundRow row = refundRows.findRefund(refundId).orElseThrow();
        RefundOutcome outcome = processors
                .get(payment.processor())
                .refund(new RefundCommand(
                        payment.processorReference(),
                        request.amount(),
                        request.idempotencyKey(),
                        request.reason(),
                        payment.methodType()));
        settlement.settleRefund(row, outcome.result(), outcome.processorReference(), outcome.code());
        return refundRows.findRefund(refundId).orElseThrow().refund();
    }

    /** What refunds made under a limit (SUPPORT's) have returned of a payment so far. */
    public Money refundedUnderLimit(PaymentId id) {
        return Money.ofMinor(
                refundRows.refundedUnderLimit(id), charges.payment(id).amount().currencyCode());
    }

    public List<Refund> refunds(PaymentId payment) {
        return refundRows.refundsOf(payment);
    }

    public List<Refund> refundsOf(AccountId account) {
        return refundRows.refundsOfAccount(account);
    }
}
