package com.abacus.checkout;

import com.abacus.payments.Charges;
import com.abacus.payments.Payment;
import com.abacus.payments.PaymentId;
import com.abacus.payments.PaymentStatus;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * What the customer must do for an order waiting on them: approve it on PayPal's page, or authenticate the card at
 * the bank (3-D Secure). Nothing for an order that waits on the processor alone, or is done.
 */
@Service
public class OrderNextActions {

    /** {@code type} is always {@code redirect}: the customer is sent to {@code url} and comes back to the order. */
    public record NextAction(String type, String url) {}

    private final Charges charges;

    OrderNextActions(Charges charges) {
        this.charges = charges;
    }

    public Optional<NextAction> of(Order order) {
        if (order.status() != Order.Status.PAYMENT_PENDING || order.paymentId() == null) {
            return Optional.empty();
        }
        return of(order, charges.payment(PaymentId.of(order.paymentId())));
    }

    /** {@link #of(Order)} for a caller that has read the order's payment already. */
    public Optional<NextAction> of(Order order, Payment payment) {
        if (order.status() != Order.Status.PAYMENT_PENDING
                || payment == null
                || payment.status() != PaymentStatus.REQUIRES_ACTION) {
            return Optional.empty();
        }
        return Optional.of(new NextAction(
                "redirect",
                payment.actionUrl() != null ? payment.actionUrl() : "/orders/" + order.id() + "/authenticate"));
    }
}
