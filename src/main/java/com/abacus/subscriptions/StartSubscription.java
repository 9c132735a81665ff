package com.abacus.subscriptions;

import com.abacus.catalog.Plan;
import com.abacus.shared.AccountId;
import com.abacus.shared.ChargeReference;
import com.abacus.shared.Money;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * @param id the new subscription's id, chosen by the caller so it can record it with what started the subscription
 * @param price the plan price for this account (catalog or enterprise contract), locked for the subscription
 * @param trial start trialing instead of charging (the plan must offer a trial the account has not used)
 * @param paymentId the payment that paid the first period; null when trialing
 * @param startedBy the order that started it
 * @param testClockId the test clock its account lives on; null for a real account
 * @param discount the coupon it starts with (a promotion code redeemed at checkout); null for none
 */
public record StartSubscription(
        SubscriptionId id,
        AccountId accountId,
        Plan plan,
        int catalogVersion,
        Money price,
        List<Subscription.AddOnLine> addOns,
        ZoneId timeZone,
        boolean trial,
        String paymentId,
        ChargeReference.ForOrder startedBy,
        @Nullable UUID testClockId,
        @Nullable DiscountTerms discount) {}
