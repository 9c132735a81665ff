package com.abacus.checkout.internal.web;

import com.abacus.catalog.UsageCharge;
import com.abacus.catalog.UsageTier;
import com.abacus.shared.Money;
import com.abacus.shared.web.Formats;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A metered charge's price sheet as a customer reads it, tier by tier: "First 10,000 minutes delivered: included",
 * "Above 10,000: $1.00 per 1,000", "At most $1,000.00 a month".
 */
public class UsagePrices {

    private static final Formats FORMATS = new Formats();

    public List<String> lines(UsageCharge charge, String currency) {
        NumberFormat count = NumberFormat.getIntegerInstance(Locale.US);
        List<String> lines = new ArrayList<>();
        long lower = 0;
        String unit = charge.name().toLowerCase(Locale.ROOT);
        for (UsageTier tier : charge.tiers()) {
            Money price = tier.prices().get(currency);
            if (price == null) {
                return List.of();
            }
            String range = tier.upTo() == null
                    ? (lower == 0 ? "All " + unit : "Above " + count.format(lower))
                    : (lower == 0
                            ? "First " + count.format(tier.upTo()) + " " + unit
                            : count.format(lower) + " to " + count.format(tier.upTo()));
            String rate = price.isZero()
                    ? "included"
                    : FORMATS.price(price) + " per "
                            + (charge.packageSize() == 1 ? "unit" : count.format(charge.packageSize()));
            lines.add(range + ": " + rate);
            if (tier.upTo() != null) {
                lower = tier.upTo();
            }
        }
        Money cap = charge.monthlyCap() == null ? null : charge.monthlyCap().get(currency);
        if (cap != null) {
            lines.add("At most " + FORMATS.price(cap) + " a month");
        }
        return lines;
    }
}
