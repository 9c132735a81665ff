package com.abacus.subscriptions;

import com.abacus.shared.DomainException;
import com.abacus.shared.InvalidInputException;
import com.abacus.subscriptions.internal.HistoryEvent;
import com.abacus.subscriptions.internal.SubscriptionDiscountRepository;
import com.abacus.subscriptions.internal.SubscriptionHistory;
import com.abacus.subscriptions.internal.SubscriptionRepository;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gives a running subscription a coupon (staff, in the console or the API). One coupon per subscription: a new one
 * replaces the one it had. The period already paid is not re-billed: the discount starts with the next invoice (the
 * first paid period, for a trial) and prorates with any plan change from then on.
 */
@Service
public class SubscriptionDiscounts {

    private final SubscriptionRepository subscriptions;
    private final SubscriptionDiscountRepository discounts;
    private final SubscriptionHistory history;
    private final Clock clock;

    SubscriptionDiscounts(
            SubscriptionRepository subscriptions,
            SubscriptionDiscountRepository discounts,
            SubscriptionHistory history,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.discounts = discounts;
        this.history = history;
        this.clock = clock;
    }

    @Transactional
    public Subscription apply(SubscriptionId id, DiscountTerms terms) {
        Subscription subscription = subscriptions.locked(id);
        if (!subscription.status().isLive()) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT, "subscription-canceled", "The subscription has ended");
        }
        if (terms.amountOff() != null
                && !terms.amountOff().currency().equals(subscription.price().currency())) {
            throw new InvalidInputException(
                    "coupon", "has no amount off in " + subscription.price().currencyCode());
        }
        var addOns =
                subscription.addOns().stream().map(Subscription.AddOnLine::code).toList();
        if (!terms.appliesToAny(subscription.planCode(), addOns)) {
            throw new InvalidInputException(
                    "coupon",
                    "is limited to " + String.join(", ", terms.appliesTo())
                            + " and this subscription has none of them");
        }
        int months = subscription.interval().months();
        SubscriptionDiscount discount = subscription.status() == SubscriptionStatus.TRIALING
                ? terms.startingAt(subscription.trialEnd(), subscription.timeZone(), months, 0)
                : terms.startingAt(
                        subscription.anchor(), subscription.timeZone(), months, subscription.periodIndex() + 1);
        Instant now = clock.instant();
        discounts.setDiscount(id, discount, now);
        history.history(id, HistoryEvent.DISCOUNT_APPLIED, terms.description(), now);
        return subscription.withDiscount(discount);
    }
}
