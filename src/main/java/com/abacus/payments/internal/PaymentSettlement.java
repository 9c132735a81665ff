package com.abacus.payments.internal;

import com.abacus.payments.Payment;
import com.abacus.payments.PaymentFailed;
import com.abacus.payments.PaymentId;
import com.abacus.payments.PaymentStatus;
import com.abacus.payments.PaymentSucceeded;
import com.abacus.payments.Refund;
import com.abacus.payments.RefundIssued;
import com.abacus.payments.internal.RefundRepository.RefundRow;
import com.abacus.payments.internal.processor.PaymentProcessor.ChargeOutcome;
import com.abacus.payments.internal.processor.PaymentProcessor.Result;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one place a payment or refund moves forward. Whoever learns the outcome first (the charging call, the
 * reconciler, a webhook) settles it; later news of the same outcome changes nothing and publishes nothing, and news
 * arriving out of order cannot move a settled payment back. The status change and its event commit together.
 */
@Component
public class PaymentSettlement {

    private final PaymentRepository payments;
    private final RefundRepository refundRows;
    private final SavedCardRepository cards;
    private final PaymentMethodRepository methods;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    PaymentSettlement(
            PaymentRepository payments,
            RefundRepository refundRows,
            SavedCardRepository cards,
            PaymentMethodRepository methods,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock) {
        this.payments = payments;
        this.refundRows = refundRows;
        this.cards = cards;
        this.methods = methods;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The bank's answer for a debit whose mandate the customer revoked: that mandate is never charged again. */
    static final String MANDATE_REVOKED = "mandate_revoked";

    public static PaymentStatus statusOf(Result result) {
        return switch (result) {
            case SUCCEEDED -> PaymentStatus.SUCCEEDED;
            case DECLINED, ERROR, NOT_FOUND -> PaymentStatus.FAILED;
            case REQUIRES_ACTION -> PaymentStatus.REQUIRES_ACTION;
            case UNKNOWN -> PaymentStatus.UNKNOWN;
            case PROCESSING -> PaymentStatus.PROCESSING;
        };
    }

    /**
     * Settles a payment from news that came after the charging call (reconciler, webhook): a batch of one, through the
     * same rule as the charging call's own verdicts.
     *
     * @return true if this call changed the payment
     */
    public boolean settle(Payment payment, ChargeOutcome outcome) {
        return settleAll(List.of(new Outcome(payment, outcome)), false).contains(payment.id());
    }

    /**
     * Settles the outcomes of many charges in one transaction: a payment that was settled already is left alone and
     * publishes nothing. {@code byCharge}: the verdicts came back to the charging call itself (its caller acts on them),
     * rather than later from the reconciler or a webhook.
     *
     * @return the payments this call changed
     */
    public record Outcome(Payment payment, ChargeOutcome outcome) {}

    public Set<PaymentId> settleAll(List<Outcome> outcomes, boolean byCharge) {
        Set<PaymentId> changed = new HashSet<>();
        transactions.executeWithoutResult(tx -> {
            var now = clock.instant();
            List<PaymentRepository.Settlement> settlements = new ArrayList<>();
            for (Outcome o : outcomes) {
                PaymentStatus status = statusOf(o.outcome().result());
                settlements.add(new PaymentRepository.Settlement(
                        o.payment().id(),
                        status,
                        o.outcome().processorReference(),
                        status == PaymentStatus.SUCCEEDED ? null : codeOf(o.outcome()),
                        o.outcome().message(),
                        o.outcome().actionUrl(),
                        o.outcome().settlesAt()));
            }
            int[] counts = payments.settleAll(settlements, now);
            for (int i = 0; i < outcomes.size(); i++) {
                Payment payment = outcomes.get(i).payment();
                PaymentStatus status = settlements.get(i).status();
                if (counts[i] == 0) {
                    continue;
                }
                changed.add(payment.id());
                if (status == PaymentStatus.SUCCEEDED) {
                    if (payment.methodType() == com.abacus.payments.PaymentMethodType.PAYPAL
                            && payment.paymentMethodId() != null) {
                        // A PayPal agreement's first captured charge approves it for renewals (and PayPal's REST API
                        // names the vaulted agreement to charge from now on).
                        methods.activate(
                                payment.paymentMethodId(),
                                payment.processor(),
                                outcomes.get(i).outcome().savedToken());
                    }
                    events.publishEvent(new PaymentSucceeded(
                            payment.id(),
                            payment.accountId(),
                            payment.amount().minor(),
                            payment.amount().currencyCode(),
                            payment.processor(),
                            payment.reference(),
                            byCharge,
                            now));
                } else if (status == PaymentStatus.FAILED) {
                    discardIfDeclinedAtCheckout(payment, outcomes.get(i).outcome(), now);
                    if (MANDATE_REVOKED.equals(outcomes.get(i).outcome().code()) && payment.paymentMethodId() != null) {
                        methods.revoke(payment.paymentMethodId());
                    }
                    events.publishEvent(new PaymentFailed(
                            payment.id(),
                            payment.accountId(),
                            payment.amount().minor(),
                            payment.amount().currencyCode(),
                            payment.processor(),
                            payment.reference(),
                            codeOf(outcomes.get(i).outcome()),
                            byCharge,
                            now));
                }
            }
        });
        return changed;
    }

    /**
     * A card the customer just gave at checkout that the bank declined is not kept: it would otherwise stay saved, and
     * the default, for renewals to fail on. Only a decline (not a processor error) of an order's charge, and only a
     * card that has never paid; a card that worked before and fails now stays (dunning deals with it).
     */
    private void discardIfDeclinedAtCheckout(Payment payment, ChargeOutcome outcome, java.time.Instant now) {
        // A SEPA mandate stays through a returned debit: the order was served, and dunning debits it again.
        if (outcome.result() == Result.DECLINED
                && payment.methodType() != com.abacus.payments.PaymentMethodType.SEPA_DEBIT
                && payment.paymentMethodId() != null
                && com.abacus.shared.ChargeReference.parse(payment.reference())
                        .filter(reference -> reference instanceof com.abacus.shared.ChargeReference.ForOrder)
                        .isPresent()) {
            cards.discardDeclined(payment.accountId(), payment.paymentMethodId(), now);
        }
    }

    private static String codeOf(ChargeOutcome outcome) {
        return outcome.code() != null
                ? outcome.code()
                : outcome.result() == Result.NOT_FOUND ? Payment.NOT_RECEIVED_BY_PROCESSOR : null;
    }

    /**
     * Settles a refund. A refused refund gives its reserved amount back to the payment in the same transaction, so
     * what remains refundable is always exact.
     */
    public boolean settleRefund(RefundRow row, Result result, String processorRef, String code) {
        Refund refund = row.refund();
        if (result == Result.UNKNOWN) {
            return false;
        }
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            var now = clock.instant();
            if (result == Result.SUCCEEDED) {
                boolean changed =
                        refundRows.settleRefund(refund.id(), Refund.Status.SUCCEEDED, processorRef, null, now);
                if (changed) {
                    events.publishEvent(new RefundIssued(
                            refund.id(),
                            refund.paymentId(),
                            refund.accountId(),
                            refund.amount().minor(),
                            refund.amount().currencyCode(),
                            refund.processor(),
                            refund.reason(),
                            refund.requestedBy(),
                            now));
                }
                return changed;
            }
            boolean changed = refundRows.settleRefund(refund.id(), Refund.Status.FAILED, processorRef, code, now);
            if (changed) {
                refundRows.releaseRefund(refund.id(), now);
            }
            return changed;
        }));
    }
}
