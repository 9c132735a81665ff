package com.abacus.checkout.internal;

import com.abacus.accounts.Account;
import com.abacus.accounts.Accounts;
import com.abacus.catalog.AddOn;
import com.abacus.catalog.Catalog;
import com.abacus.catalog.CatalogVersion;
import com.abacus.catalog.Plan;
import com.abacus.checkout.Order;
import com.abacus.checkout.internal.OrderRepository.OrderRow;
import com.abacus.discounts.Redemptions;
import com.abacus.shared.Money;
import com.abacus.subscriptions.ContractPrices;
import com.abacus.subscriptions.StartSubscription;
import com.abacus.subscriptions.Subscription;
import com.abacus.subscriptions.SubscriptionId;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** The subscription a paid (or trial) order starts: its plan, add-ons, price and coupon as the order was priced. */
@Component
class NewSubscriptions {

    private final Catalog catalog;
    private final Accounts accounts;
    private final ContractPrices contractPrices;
    private final Redemptions redemptions;

    NewSubscriptions(Catalog catalog, Accounts accounts, ContractPrices contractPrices, Redemptions redemptions) {
        this.catalog = catalog;
        this.accounts = accounts;
        this.contractPrices = contractPrices;
        this.redemptions = redemptions;
    }

    StartSubscription startOf(OrderRow row, SubscriptionId subscriptionId, String paymentId) {
        Order order = row.order();
        CatalogVersion version = catalog.version(row.catalogVersion());
        Plan plan = version.plan(order.planCode()).orElseThrow();
        Account account = accounts.get(order.accountId());
        List<Subscription.AddOnLine> addOns = new ArrayList<>();
        Money addOnTotal = Money.zero(order.total().currency());
        for (var entry : order.addOns().entrySet()) {
            AddOn addOn = version.addOn(entry.getKey()).orElseThrow();
            Money unit = addOn.prices().get(order.currency());
            addOns.add(new Subscription.AddOnLine(addOn.code(), entry.getValue(), unit));
            addOnTotal = addOnTotal.plus(unit.times(entry.getValue()));
        }
        // The plan price as the order was quoted; an order placed before it was kept: its total less its add-ons.
        Money planPrice = order.trial()
                ? contractPrices.priceFor(order.accountId(), plan, order.currency())
                : row.planPrice() != null ? row.planPrice() : order.total().minus(addOnTotal);
        return new StartSubscription(
                subscriptionId,
                order.accountId(),
                plan,
                row.catalogVersion(),
                planPrice,
                addOns,
                account.timeZone(),
                order.trial(),
                paymentId,
                OrderCharges.reference(order.id()),
                account.testClockId(),
                redemptions.termsForOrder(order.id().value(), order.currency()).orElse(null));
    }
}
