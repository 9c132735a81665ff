package com.abacus.checkout.internal;

import com.abacus.catalog.AddOn;
import com.abacus.catalog.CatalogVersion;
import com.abacus.catalog.Plan;
import com.abacus.checkout.Quote;
import com.abacus.shared.AccountId;
import com.abacus.shared.DomainException;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.Money;
import com.abacus.subscriptions.ContractPrices;
import com.abacus.subscriptions.PlanChangeQuote;
import com.abacus.subscriptions.PlanChanges;
import com.abacus.subscriptions.Subscription;
import com.abacus.subscriptions.Subscriptions;
import com.abacus.taxes.TaxDecisions;
import com.abacus.taxes.TaxTreatment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Prices a purchase from a catalog version: the plan at the account's price (a contract price if it has one), its
 * add-ons, whether a trial is available; for a product the account already has, the plan change instead.
 */
@Component
public class OrderQuotes {

    private final Subscriptions subscriptions;
    private final ContractPrices contractPrices;
    private final PlanChanges planChanges;
    private final TaxDecisions taxes;

    OrderQuotes(
            Subscriptions subscriptions, ContractPrices contractPrices, PlanChanges planChanges, TaxDecisions taxes) {
        this.subscriptions = subscriptions;
        this.contractPrices = contractPrices;
        this.planChanges = planChanges;
        this.taxes = taxes;
    }

    /**
     * {@code withTrial}: whether to find out if the account may still trial the plan (a query an order without a trial
     * skips). {@code forOrder}: an order for a product the account subscribes to already is refused (409), where a
     * quote answers the plan change instead.
     */
    public Quote quote(
            CatalogVersion version,
            AccountId account,
            String planCode,
            String currency,
            Map<String, Integer> addOns,
            boolean withTrial,
            boolean forOrder) {
        Plan plan = plan(version, planCode);
        if (plan.price(currency).isEmpty()) {
            throw new InvalidInputException("currency", "plan " + plan.code() + " is not sold in '" + currency + "'");
        }
        if (account != null) {
            Optional<Subscription> existing = subscriptions.liveForProduct(account, plan.product());
            if (existing.isPresent() && forOrder) {
                throw alreadySubscribed(existing.get());
            }
            if (existing.isPresent()) {
                PlanChangeQuote change = planChanges.quoteChange(existing.get().id(), plan.code());
                return new Quote(
                        plan.code(),
                        plan.name(),
                        plan.interval().name().toLowerCase(),
                        currency,
                        List.of(),
                        change.amountDueNow(),
                        0,
                        false,
                        change,
                        change.subtotal(),
                        change.tax() == null ? Money.zero(change.amountDueNow().currency()) : change.tax());
            }
        }
        Money price =
                account == null ? plan.price(currency).orElseThrow() : contractPrices.priceFor(account, plan, currency);
        List<Quote.Line> lines = new ArrayList<>();
        lines.add(new Quote.Line(
                plan.code(), plan.name() + " (" + plan.interval().name().toLowerCase() + "ly)", 1, price, price));
        Money total = price;
        for (var entry : validAddOns(version, plan, currency, addOns).entrySet()) {
            AddOn addOn = version.addOn(entry.getKey()).orElseThrow();
            Money unit = addOn.prices().get(currency);
            Money amount = unit.times(entry.getValue());
            lines.add(new Quote.Line(addOn.code(), addOn.name(), entry.getValue(), unit, amount));
            total = total.plus(amount);
        }
        boolean trialAvailable = withTrial && account != null && subscriptions.trialAvailable(account, plan);
        Money tax = Money.zero(total.currency());
        Money gross = total;
        if (account != null) {
            TaxTreatment treatment = taxes.now(account, currency);
            for (Quote.Line line : lines) {
                var lineTax = treatment.assess(line.amount());
                tax = tax.plus(lineTax.tax());
                gross = gross.plus(lineTax.grossOf(line.amount()).minus(line.amount()));
            }
        }
        return new Quote(
                plan.code(),
                plan.name(),
                plan.interval().name().toLowerCase(),
                currency,
                lines,
                gross,
                plan.trialDays(),
                trialAvailable,
                null,
                gross.minus(tax),
                tax);
    }

    /** The account's live subscription to a product, if it has one. */
    public Optional<Subscription> liveSubscription(AccountId account, String product) {
        return subscriptions.liveForProduct(account, product);
    }

    public static DomainException alreadySubscribed(Subscription existing) {
        return new DomainException(
                DomainException.Kind.CONFLICT,
                "already-subscribed",
                "The account already subscribes to this product; change the plan of its subscription instead",
                Map.of("subscriptionId", existing.id().toString()));
    }

    public static Plan plan(CatalogVersion version, String planCode) {
        if (planCode == null || planCode.isBlank()) {
            throw new InvalidInputException("plan", "is required");
        }
        return version.plan(planCode)
                .orElseThrow(() -> new InvalidInputException("plan", "unknown plan '" + planCode + "'"));
    }

    private static Map<String, Integer> validAddOns(
            CatalogVersion version, Plan plan, String currency, Map<String, Integer> requested) {
        Map<String, Integer> valid = new TreeMap<>();
        if (requested == null) {
            return valid;
        }
        Map<String, String> errors = new LinkedHashMap<>();
        requested.forEach((code, quantity) -> {
            Optional<AddOn> addOn = version.addOn(code);
            if (addOn.isEmpty() || !addOn.get().plans().contains(plan.code())) {
                errors.put("addOns." + code, "is not an add-on of plan " + plan.code());
            } else if (quantity == null || quantity < 1 || quantity > 100) {
                errors.put("addOns." + code, "quantity must be 1 to 100");
            } else if (!addOn.get().prices().containsKey(currency)) {
                errors.put("addOns." + code, "is not sold in " + currency);
            } else {
                valid.put(code, quantity);
            }
        });
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors, "Add-ons are invalid");
        }
        return valid;
    }
}
