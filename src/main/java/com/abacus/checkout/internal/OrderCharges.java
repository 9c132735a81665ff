package com.abacus.checkout.internal;

import com.abacus.checkout.OrderId;
import com.abacus.shared.ChargeReference;

/** The idempotency key and reference an order's charge carries to payments (and on to the processor). */
public final class OrderCharges {

    private OrderCharges() {}

    public static String key(OrderId order) {
        return reference(order).wire();
    }

    public static ChargeReference.ForOrder reference(OrderId order) {
        return new ChargeReference.ForOrder(order.value());
    }
}
