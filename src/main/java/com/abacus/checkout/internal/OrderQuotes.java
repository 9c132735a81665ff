package com.abacus.checkout.internal;

import com.abacus.catalog.AddOn;
import com.abacus.catalog.CatalogVersion;
import com.abacus.catalog.Plan;
import com.abacus.checkout.Quote;
import com.abacus.discounts.Promotion;
import com.abacus.discounts.PromotionCodes;
import com.abacus.shared.AccountId;
import com.abacus.shared.DomainException;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.Money;
import com.abacus.subscriptions.ChargeLine;
import com.abacus.subscriptions.ContractPrices;
import com.abacus.subscriptions.PlanChangeQuote;
import com.abacus.subscriptions.PlanChanges;
import com.abacus.subscriptions.Subscription;
import com.abacus.subscriptions.Subscriptions;
import com.abacus.taxes.InclusiveLines;
import com.abacus.taxes.TaxDecisions;
import com.abacus.taxes.TaxTreatment;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
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
    private final PromotionCodes promotionCodes;
    private final Clock clock;

    OrderQuotes(
            Subscriptions subscriptions,
            ContractPrices contractPrices,
            PlanChanges planChanges,
            TaxDecisions taxes,
            PromotionCodes promotionCodes,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.contractPrices = contractPrices;
        this.planChanges = planChanges;
        this.taxes = taxes;
        this.promotionCodes = promotionCodes;
        this.clock = clock;
    }

    /**
     * {@code withTrial}: whether to find out if the account may still trial the plan (a query an order without a trial
     * skips). {@code forOrder}: an order for a product the account subscribes to already is refused (409), where a
     * quote answers the plan change instead. {@code promotionCode}: what the customer typed (null or blank for none);
     * the quote then has the coupon's discount line, and a code that does not apply is refused naming the field.
     */
    public Quote quote(
            CatalogVersion version,
            AccountId account,
            String planCode,
            String currency,
            Map<String, Integer> addOns,
            boolean withTrial,
            boolean forOrder,
            @Nullable String promotionCode) {
        Plan plan = plan(version, planCode);
        if (plan.price(currency).isEmpty()) {
            throw new InvalidInputException("currency", "plan " + plan.code() + " is not sold in '" + currency + "'");
        }
        if (account != null) {
            Optional<Subscription> existing = subscriptions.liveForProduct(account, plan.product());
            if (existing.isPresent() && forOrder) {
                throw alreadySubscribed(existing.get());
            }
            if (existing.isPresent() && promotionCode != null && !promotionCode.isBlank()) {
                throw new InvalidInputException(
                        "promotionCode",
                        "a promotion code is for a new subscription; support can add a coupon to this one");
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
                        change.tax() == null ? Money.zero(change.amountDueNow().currency()) : change.tax(),
                        Money.zero(change.amountDueNow().currency()),
                        null);
            }
        }
        Money price =
                account == null ? plan.price(currency).orElseThrow() : contractPrices.priceFor(account, plan, currency);
        // Priced as the subscription's first period will be: its charge lines, the coupon's lines after them.
        Instant now = clock.instant();
        List<ChargeLine> charges = new ArrayList<>();
        charges.add(new ChargeLine(
                ChargeLine.Kind.PLAN,
                plan.code(),
                plan.name() + " (" + plan.interval().name().toLowerCase() + "ly)",
                1,
                price,
                price,
                now,
                now));
        Map<String, Integer> validAddOns = validAddOns(version, plan, currency, addOns);
        for (var entry : validAddOns.entrySet()) {
            AddOn addOn = version.addOn(entry.getKey()).orElseThrow();
            Money unit = addOn.prices().get(currency);
            charges.add(new ChargeLine(
                    ChargeLine.Kind.ADDON,
                    addOn.code(),
                    addOn.name(),
                    entry.getValue(),
                    unit,
                    unit.times(entry.getValue()),
                    now,
                    now));
        }
        Promotion promotion = promotionCode == null || promotionCode.isBlank()
                ? null
                : promotionCodes.check(promotionCode, account, plan.code(), validAddOns.keySet(), currency);
        if (promotion != null) {
            charges = promotion
                    .terms()
                    .startingAt(now, java.time.ZoneOffset.UTC, 1, 0)
                    .apply(charges);
        }
        List<Quote.Line> lines = new ArrayList<>();
        Money zero = Money.zero(price.currency());
        Money total = zero;
        Money discount = zero;
        for (ChargeLine charge : charges) {
            lines.add(new Quote.Line(
                    charge.kind().name().toLowerCase(java.util.Locale.ROOT),
                    charge.code(),
                    charge.description(),
                    charge.quantity(),
                    charge.unitAmount(),
                    charge.amount()));
            total = total.plus(charge.amount());
            if (charge.kind() == ChargeLine.Kind.DISCOUNT) {
                discount = discount.minus(charge.amount());
            }
        }
        boolean trialAvailable = withTrial && account != null && subscriptions.trialAvailable(account, plan);
        Money tax = zero;
        Money gross = total;
        if (account != null) {
            TaxTreatment treatment = taxes.now(account, currency);
            boolean[] inclusive = InclusiveLines.of(
                    lines.stream().map(Quote.Line::code).toList(),
                    lines.stream().map(l -> l.kind().equals("discount")).toList(),
                    code -> version.plan(code).map(Plan::taxInclusive).orElse(false));
            for (int i = 0; i < lines.size(); i++) {
                Quote.Line line = lines.get(i);
                var lineTax = treatment.assess(line.amount(), inclusive[i]);
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
                gross.minus(tax).plus(discount),
                tax,
                discount,
                promotion);
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
