package com.abacus.checkout.internal;

import com.abacus.catalog.CatalogVersion;
import com.abacus.checkout.Order;
import com.abacus.checkout.PlaceOrder;
import com.abacus.checkout.Quote;
import com.abacus.checkout.internal.OrderRepository.OrderRow;
import com.abacus.discounts.Redemptions;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes a new order as it was quoted, with its use of a promotion code, in one transaction: the code's last use goes
 * to one order only, and an order refused (the code used up meanwhile, the same key racing) leaves neither behind.
 */
@Component
public class OrderPlacement {

    private final OrderRepository orders;
    private final Redemptions redemptions;
    private final Clock clock;

    OrderPlacement(OrderRepository orders, Redemptions redemptions, Clock clock) {
        this.orders = orders;
        this.redemptions = redemptions;
        this.clock = clock;
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the key or the product has an order in flight */
    @Transactional
    public OrderRow place(PlaceOrder command, Quote quote, CatalogVersion version, String product) {
        Order order = Order.newPurchase(
                command.accountId(),
                quote.planCode(),
                command.currency(),
                quote.total(),
                addOnQuantities(quote),
                command.trial(),
                clock.instant());
        // The subscription's price is the plan line as quoted (before tax), not derived from the charged total.
        OrderRow row =
                new OrderRow(order, version.number(), null, quote.lines().get(0).amount());
        orders.insert(row, command.idempotencyKey(), product);
        if (quote.promotion() != null) {
            redemptions.redeem(
                    quote.promotion(), command.accountId(), order.id().value());
        }
        return row;
    }

    private static Map<String, Integer> addOnQuantities(Quote quote) {
        Map<String, Integer> quantities = new TreeMap<>();
        quote.lines().stream()
                .filter(line -> line.kind().equals("addon"))
                .forEach(line -> quantities.put(line.code(), (int) line.quantity()));
        return quantities;
    }
}
