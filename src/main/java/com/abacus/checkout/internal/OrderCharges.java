package com.abacus.checkout.internal;

import com.abacus.checkout.OrderId;

/** The idempotency key and reference an order's charge carries to payments (and on to the processor). */
public final class OrderCharges {

    private OrderCharges() {}

    public static String key(OrderId order) {
        return reference(order).wire();
    }

    public static com.abacus.shared.ChargeReference reference(OrderId order) {
        return new com.abacus.shared.ChargeReference.ForOrder(order.value());
    }
}
