package com.abacus.invoicing.internal;

import com.abacus.catalog.Catalog;
import com.abacus.catalog.UsageCharge;
import com.abacus.invoicing.InvoiceLine;
import com.abacus.shared.Money;
import com.abacus.subscriptions.Subscription;
import java.text.NumberFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import org.springframework.stereotype.Component;

/**
 * Rates a subscription's usage over a window (one month) against its plan's usage charges: graduated tiers, then the
 * monthly cap, in the subscription's currency. One line per metric with usage.
 */
@Component
public class UsageRating {

    private final Catalog catalog;
    private final UsageRepository usage;

    UsageRating(Catalog catalog, UsageRepository usage) {
        this.catalog = catalog;
        this.usage = usage;
    }

    public List<InvoiceLine> lines(Subscription subscription, Instant from, Instant to) {
        return lines(subscription, from, to, metric -> usage.total(subscription.accountId(), metric, from, to));
    }

    /** The windows whose totals {@link #lines(Subscription, Instant, Instant, ToLongFunction)} will ask for. */
    public List<UsageRepository.Window> windows(String key, Subscription subscription, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return List.of();
        }
        return catalog.version(subscription.catalogVersion()).usageChargesFor(subscription.planCode()).stream()
                .map(charge -> new UsageRepository.Window(
                        key + "/" + charge.metric(), subscription.accountId().value(), charge.metric(), from, to))
                .toList();
    }

    /** Rates the given quantities (per metric) instead of reading them. */
    public List<InvoiceLine> lines(
            Subscription subscription, Instant from, Instant to, ToLongFunction<String> quantityOfMetric) {
        List<InvoiceLine> lines = new ArrayList<>();
        if (!from.isBefore(to)) {
            return lines;
        }
        String currency = subscription.price().currencyCode();
        for (UsageCharge charge :
                catalog.version(subscription.catalogVersion()).usageChargesFor(subscription.planCode())) {
            long quantity = quantityOfMetric.applyAsLong(charge.metric());
            if (quantity == 0) {
                continue;
            }
            UsageCharge.RatedUsage rated = charge.rate(quantity, currency);
            String description = charge.name() + ": "
                    + NumberFormat.getIntegerInstance(Locale.US).format(quantity) + " units"
                    + (rated.capped()
                            ? " (capped at " + rated.amount().toPlainString() + ", uncapped "
                                    + rated.uncapped().toPlainString() + ")"
                            : "");
            lines.add(new InvoiceLine(
                    0,
                    InvoiceLine.Kind.USAGE,
                    subscription.product(),
                    charge.code(),
                    description,
                    quantity,
                    Money.zero(rated.amount().currency()),
                    rated.amount(),
                    from,
                    to));
        }
        return lines;
    }
}
