package com.abacus.catalog;

import com.abacus.shared.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A metered charge, billed monthly in arrears. Prices are per {@code packageSize} units (e.g. per 1,000 image
 * transformations) and graduated: each tier prices only the units that fall into it. A partial package is priced per
 * unit (1,234 units at 0.50 per 1,000 cost 0.617, rounded once) unless the charge says {@code package_rounding: up},
 * when the month's quantity is first rounded up to whole packages (1,234 is billed as 2,000). The month's total never
 * exceeds the cap in the invoice currency.
 */
public record UsageCharge(
        String code,
        String product,
        String name,
        String metric,
        long packageSize,
        List<UsageTier> tiers,
        Map<String, Money> monthlyCap,
        Set<String> plans,
        PackageRounding packageRounding) {

    /** How a month's quantity that is not a whole number of packages is priced; {@code per_unit} unless stated. */
    public enum PackageRounding {
        /** Each unit costs its share of the package price. */
        PER_UNIT,
        /** The quantity is rounded up to whole packages before it is priced. */
        UP
    }

    /** What the month's quantity is billed as: itself, or rounded up to whole packages. */
    public long billableQuantity(long quantity) {
        if (packageRounding != PackageRounding.UP || quantity <= 0) {
            return quantity;
        }
        return Math.multiplyExact(Math.floorDiv(quantity + packageSize - 1, packageSize), packageSize);
    }

    /**
     * Rates a month's quantity. Rounding rule: the quantity is made billable ({@link #billableQuantity}), tier amounts
     * are summed exactly and rounded half-up to the minor unit once, then capped.
     */
    public RatedUsage rate(long measured, String currency) {
        long quantity = billableQuantity(measured);
        BigDecimal total = BigDecimal.ZERO;
        long lowerBound = 0;
        var currencyUnit = com.abacus.shared.Money.currency(currency);
        for (UsageTier tier : tiers) {
            if (quantity <= lowerBound) {
                break;
            }
            long upper = tier.upTo() == null ? Long.MAX_VALUE : tier.upTo();
            long unitsInTier = Math.min(quantity, upper) - lowerBound;
            Money packagePrice = tier.prices().get(currency);
            if (packagePrice == null) {
                throw new IllegalArgumentException("Usage charge " + code + " has no " + currency + " price");
            }
            total = total.add(BigDecimal.valueOf(packagePrice.minor())
                    .multiply(BigDecimal.valueOf(unitsInTier))
                    .divide(BigDecimal.valueOf(packageSize), 12, Money.ROUNDING));
            lowerBound = upper;
        }
        Money uncapped = Money.ofMinor(total.setScale(0, Money.ROUNDING).longValueExact(), currencyUnit);
        Optional<Money> cap = Optional.ofNullable(monthlyCap.get(currency));
        Money charged = cap.map(uncapped::min).orElse(uncapped);
        return new RatedUsage(measured, uncapped, charged, cap.isPresent() && uncapped.compareTo(cap.get()) > 0);
    }

    public record RatedUsage(long quantity, Money uncapped, Money amount, boolean capped) {}
}
