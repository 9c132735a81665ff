package com.abacus.subscriptions;

import com.abacus.catalog.BillingInterval;
import com.abacus.catalog.Catalog;
import com.abacus.catalog.CatalogVersion;
import com.abacus.catalog.ChangeTiming;
import com.abacus.catalog.Plan;
import com.abacus.catalog.Product;
import com.abacus.shared.DomainException;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.Money;
import com.abacus.subscriptions.PlanChangeQuote.Direction;
import com.abacus.taxes.InclusiveLines;
import com.abacus.taxes.TaxDecisions;
import com.abacus.taxes.TaxTreatment;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The rules of a plan change, as a quote: which direction it goes, when it takes effect (the product's change rules),
 * and what is prorated when it takes effect now.
 */
@Component
class ChangeQuoting {

    private final Catalog catalog;
    private final ContractPrices prices;
    private final TaxDecisions taxes;

    ChangeQuoting(Catalog catalog, ContractPrices prices, TaxDecisions taxes) {
        this.catalog = catalog;
        this.prices = prices;
        this.taxes = taxes;
    }

    /** The price this subscription's account pays for {@code to}, in the subscription's currency. */
    Money priceFor(Subscription subscription, Plan to) {
        return prices.priceFor(
                subscription.accountId(), to, subscription.price().currencyCode());
    }

    PlanChangeQuote quote(Subscription subscription, String toPlanCode, Instant now) {
        if (!subscription.status().isLive()) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT, "subscription-canceled", "The subscription has ended");
        }
        CatalogVersion current = catalog.current();
        Product product = current.product(subscription.product())
                .orElseThrow(() -> new DomainException(
                        DomainException.Kind.CONFLICT, "product-retired", "Product no longer sold"));
        Plan from = catalog.plan(subscription.catalogVersion(), subscription.planCode());
        boolean annual = subscription.interval() == BillingInterval.YEAR;
        Instant periodEnd = subscription.currentPeriod().end();
        if (toPlanCode == null) {
            ChangeTiming timing =
                    annual ? ChangeTiming.PERIOD_END : product.changes().cancel();
            return new PlanChangeQuote(
                    subscription.id(),
                    from.code(),
                    null,
                    Direction.CANCEL,
                    timing,
                    timing == ChangeTiming.PERIOD_END ? periodEnd : now,
                    List.of(),
                    Money.zero(subscription.price().currency()),
                    0,
                    subscription.currentPeriod().days(),
                    null);
        }
        Plan to = product.plan(toPlanCode)
                .orElseThrow(() -> new InvalidInputException(
                        "plan", "plan " + toPlanCode + " is not a plan of " + product.code()));
        if (to.code().equals(from.code()) && subscription.scheduledChange() == null) {
            throw new InvalidInputException("plan", "the subscription is already on " + to.code());
        }
        boolean upgrade = to.rank() > from.rank()
                || (to.rank() == from.rank()
                        && to.interval().months() > from.interval().months());
        ChangeTiming timing =
                upgrade ? product.changes().upgrade() : product.changes().downgrade();
        if (!upgrade && annual) {
            timing = ChangeTiming.PERIOD_END;
        }
        if (subscription.status() == SubscriptionStatus.TRIALING) {
            // During a trial nothing was paid: switch plan now, nothing to prorate.
            timing = ChangeTiming.IMMEDIATE;
        }
        Money newPrice = priceFor(subscription, to);
        if (timing == ChangeTiming.PERIOD_END || subscription.status() == SubscriptionStatus.TRIALING) {
            return new PlanChangeQuote(
                    subscription.id(),
                    from.code(),
                    to.code(),
                    upgrade ? Direction.UPGRADE : Direction.DOWNGRADE,
                    timing,
                    timing == ChangeTiming.PERIOD_END ? periodEnd : now,
                    List.of(),
                    Money.zero(newPrice.currency()),
                    0,
                    subscription.currentPeriod().days(),
                    null);
        }
        Proration.Result proration = to.interval() == from.interval()
                ? Proration.sameInterval(
                        subscription.currentPeriod(), now, from.code(), subscription.price(), to.code(), newPrice)
                : Proration.newInterval(
                        subscription.currentPeriod(),
                        now,
                        from.code(),
                        subscription.price(),
                        BillingPeriods.period(
                                now, subscription.timeZone(), to.interval().months(), 0),
                        to.code(),
                        newPrice);
        // The coupon prorates with the plan: the credit is net of the discount the old plan had, the charge gets the
        // discount the new plan has, for the same days.
        List<ChargeLine> lines = subscription.discount() == null
                ? proration.lines()
                : subscription.discount().apply(proration.lines(), proration.unusedDays(), proration.periodDays());
        Money zero = Money.zero(newPrice.currency());
        TaxTreatment treatment = taxes.now(subscription.accountId(), newPrice.currencyCode());
        // Each line taxed as its invoice will tax it (a tax-inclusive plan's lines as inclusive); what is due is the
        // lines' gross, never below zero.
        boolean[] inclusive = InclusiveLines.of(
                lines.stream().map(ChargeLine::code).toList(),
                lines.stream().map(l -> l.kind() == ChargeLine.Kind.DISCOUNT).toList(),
                code -> (code.equals(from.code()) && from.taxInclusive())
                        || (code.equals(to.code()) && to.taxInclusive()));
        Money tax = zero;
        Money due = zero;
        for (int i = 0; i < lines.size(); i++) {
            var lineTax = treatment.assess(lines.get(i).amount(), inclusive[i]);
            tax = tax.plus(lineTax.tax());
            due = due.plus(lineTax.grossOf(lines.get(i).amount()));
        }
        due = due.max(zero);
        return new PlanChangeQuote(
                subscription.id(),
                from.code(),
                to.code(),
                upgrade ? Direction.UPGRADE : Direction.DOWNGRADE,
                timing,
                now,
                lines,
                due,
                proration.unusedDays(),
                proration.periodDays(),
                tax);
    }
}
