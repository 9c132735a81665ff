package com.abacus.catalog;

import com.abacus.shared.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A metered charge, billed monthly in arrears. Prices are per {@code packageSize} units (e.g. per 1,000 image
 * transformations) and graduated: each tier prices only the units that fall into it. The month's total never exceeds
 * the cap in the invoice currency.
 */
public record UsageCharge(
        String code,
        String product,
        String name,
        String metric,
        long packageSize,
        List<UsageTier> tiers,
        Map<String, Money> monthlyCap,
        Set<String> plans) {

    /**
     * Rates a month's quantity. Rounding rule: tier amounts are summed exactly and rounded half-up to the minor unit
     * once, then capped.
     */
    public RatedUsage rate(long quantity, String currency) {
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
        return new RatedUsage(quantity, uncapped, charged, cap.isPresent() && uncapped.compareTo(cap.get()) > 0);
    }

    public record RatedUsage(long quantity, Money uncapped, Money amount, boolean capped) {}
}
