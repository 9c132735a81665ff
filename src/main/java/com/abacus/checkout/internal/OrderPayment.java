package com.abacus.checkout.internal;

import com.abacus.checkout.Order;
import com.abacus.checkout.internal.OrderRepository.OrderRow;
import com.abacus.payments.ChargeRequest;
import com.abacus.payments.Charges;
import com.abacus.payments.Payment;
import com.abacus.payments.PaymentStatus;
import com.abacus.payments.RefundRequest;
import com.abacus.payments.Refunds;
import com.abacus.shared.DomainException;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.Money;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Paying for an order, new purchase or plan change alike: the charge carries the order's key, a paid (or free) order
 * is completed, and one that cannot be fulfilled after all gives the money back.
 */
@Component
public class OrderPayment {

    private static final Logger log = LoggerFactory.getLogger(OrderPayment.class);

    private final Charges charges;
    private final Refunds refunds;
    private final OrderRepository orders;
    private final OrderCompletion completion;
    private final Clock clock;

    OrderPayment(Charges charges, Refunds refunds, OrderRepository orders, OrderCompletion completion, Clock clock) {
        this.charges = charges;
        this.refunds = refunds;
        this.orders = orders;
        this.completion = completion;
        this.clock = clock;
    }

    public Order pay(OrderRow row, UUID methodId, Money amount, String description) {
        Order order = row.order();
        Payment payment = charges.charge(new ChargeRequest(
                order.accountId(),
                methodId,
                amount,
                OrderCharges.key(order.id()),
                OrderCharges.reference(order.id()),
                description));
        // A debit accepted for processing (SEPA) gives the service now; its invoice stays open until it settles, and a
        // late failure goes to dunning.
        if (payment.status() == PaymentStatus.SUCCEEDED || payment.status() == PaymentStatus.PROCESSING) {
            return finish(row, payment.id().toString());
        }
        if (payment.status() == PaymentStatus.FAILED) {
            completion.fail(order, payment.id().toString(), payment.failureCode(), payment.failureMessage());
            throw new DomainException(
                    DomainException.Kind.PAYMENT_FAILED,
                    "payment-declined",
                    "The payment was declined"
                            + (payment.failureCode() == null ? "" : " (" + payment.failureCode() + ")")
                            + "; no subscription was started or changed",
                    details(order, payment));
        }
        orders.paymentPending(order.id(), payment.id().toString(), clock.instant());
        return orders.find(order.id()).orElseThrow().order();
    }

    /** Completes a paid (or free) order; if it cannot be fulfilled after all, the money goes back. */
    public Order finish(OrderRow row, String paymentId) {
        Optional<Order> completed;
        try {
            completed = completion.complete(row, paymentId);
        } catch (DomainException e) {
            completion.fail(row.order(), paymentId, e.code(), e.getMessage());
            if (paymentId != null) {
                Payment payment = charges.payment(com.abacus.payments.PaymentId.of(paymentId));
                refunds.refund(new RefundRequest(
                        payment.id(),
                        payment.amount(),
                        "Order could not be fulfilled: " + e.code(),
                        "system",
                        "refund:" + OrderCharges.key(row.order().id())));
                log.warn(
                        "Order {} was paid but could not be fulfilled ({}); payment refunded",
                        row.order().id(),
                        e.code());
            }
            throw e;
        }
        return completed.orElseGet(
                () -> orders.find(row.order().id()).orElseThrow().order());
    }

    private static Map<String, Object> details(Order order, Payment payment) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("orderId", order.id().toString());
        details.put("paymentId", payment.id().toString());
        if (payment.failureCode() != null) {
            details.put("declineCode", payment.failureCode());
        }
        return details;
    }

    public static void requireKey(String key) {
        if (key == null || key.isBlank() || key.length() > 255) {
            throw new InvalidInputException("Idempotency-Key", "is required (1 to 255 characters)");
        }
    }
}
