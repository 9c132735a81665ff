package com.abacus.checkout.internal;

import com.abacus.checkout.OrderId;

/** The idempotency key and reference an order's charge carries to payments (and on to the processor). */
public final class OrderCharges {

    private OrderCharges() {}

    public static String key(OrderId order) {
        return "order:" + order;
    }
}
