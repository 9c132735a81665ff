package com.abacus.checkout.internal;

import com.abacus.checkout.Order;
import com.abacus.checkout.OrderId;
import com.abacus.payments.PaymentFailed;
import com.abacus.payments.PaymentSucceeded;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Orders whose payment verdict arrives after the customer got an answer (a timeout settled by the reconciler, a bank
 * authentication confirmed by webhook) complete or fail here. Orders left PENDING by a crash between placing and
 * charging are recovered from the payment made with the order's key, or failed if no charge was ever made.
 */
@Component
class PaymentVerdicts {

    private static final Logger log = LoggerFactory.getLogger(PaymentVerdicts.class);

    private final OrderRepository orders;
    private final OrderCompletion completion;
    private final com.abacus.payments.Charges charges;
    private final Clock clock;

    PaymentVerdicts(
            OrderRepository orders, OrderCompletion completion, com.abacus.payments.Charges charges, Clock clock) {
        this.orders = orders;
        this.completion = completion;
        this.charges = charges;
        this.clock = clock;
    }

    /** Checkout completes orders whose charge answered at once itself; this is for verdicts that came later. */
    @ApplicationModuleListener(condition = "#event.orderId().isPresent() and !#event.settledByCharge()")
    void on(PaymentSucceeded event) {
        order(event.orderId()).ifPresent(row -> {
            if (row.order().status() != Order.Status.COMPLETED
                    && completion.complete(row, event.paymentId().toString()).isPresent()) {
                log.info(
                        "Order {} completed after its payment settled",
                        row.order().id());
            }
        });
    }

    @ApplicationModuleListener(condition = "#event.orderId().isPresent()")
    void on(PaymentFailed event) {
        order(event.orderId())
                .ifPresent(row -> completion.fail(
                        row.order(),
                        event.paymentId().toString(),
                        event.failureCode(),
                        "The payment failed after the order was placed"));
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    @SchedulerLock(name = "checkout-recover-orders", lockAtMostFor = "PT5M")
    void recoverScheduled() {
        recover(Duration.ofMinutes(5));
    }

    int recover(Duration olderThan) {
        int recovered = 0;
        for (var row : orders.stuckPending(clock.instant().minus(olderThan))) {
            var payment = charges.paymentByKey(OrderCharges.key(row.order().id()));
            if (payment.isEmpty()) {
                completion.fail(row.order(), null, "abandoned", "The order was interrupted before any charge was made");
            } else {
                switch (payment.get().status()) {
                    case SUCCEEDED ->
                        completion.complete(row, payment.get().id().toString());
                    case FAILED ->
                        completion.fail(
                                row.order(),
                                payment.get().id().toString(),
                                payment.get().failureCode(),
                                payment.get().failureMessage());
                    default ->
                        orders.paymentPending(
                                row.order().id(), payment.get().id().toString(), clock.instant());
                }
            }
            recovered++;
        }
        return recovered;
    }

    private Optional<OrderRepository.OrderRow> order(Optional<java.util.UUID> orderId) {
        return orderId.flatMap(id -> orders.find(new OrderId(id)));
    }
}
