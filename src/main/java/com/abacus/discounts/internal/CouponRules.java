package com.abacus.discounts.internal;

import com.abacus.catalog.Catalog;
import com.abacus.catalog.CatalogVersion;
import com.abacus.discounts.Coupon;
import com.abacus.discounts.NewCoupon;
import com.abacus.discounts.NewPromotionCode;
import com.abacus.discounts.PromotionCode;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.InvalidMoneyException;
import com.abacus.shared.Money;
import com.abacus.subscriptions.DiscountTerms;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Checks a coupon or promotion code as asked for; every refusal names its field, all at once. */
@Component
public class CouponRules {

    /** Codes people read and type: letters, digits, dash and underscore. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Catalog catalog;

    CouponRules(Catalog catalog) {
        this.catalog = catalog;
    }

    public Coupon coupon(NewCoupon request, Instant now) {
        Map<String, String> errors = new LinkedHashMap<>();
        String code = code(request.code(), "code", errors);
        BigDecimal percent = request.percentOff();
        Map<String, Money> amounts = new TreeMap<>();
        boolean hasAmounts = request.amountOff() != null && !request.amountOff().isEmpty();
        if ((percent == null) == !hasAmounts) {
            errors.put("percentOff", "give percentOff or amountOff, one of them");
        } else if (percent != null) {
            if (percent.signum() <= 0
                    || percent.compareTo(HUNDRED) > 0
                    || percent.stripTrailingZeros().scale() > 2) {
                errors.put("percentOff", "must be more than 0 and at most 100, with at most 2 decimals");
            }
        } else {
            request.amountOff().forEach((currency, amount) -> {
                try {
                    Money money = Money.parse(amount, currency);
                    if (!money.isPositive()) {
                        errors.put("amountOff." + currency, "must be more than zero");
                    } else {
                        amounts.put(currency, money);
                    }
                } catch (InvalidMoneyException e) {
                    errors.put("amountOff." + currency, e.getMessage());
                }
            });
        }
        DiscountTerms.Duration duration = null;
        try {
            duration = request.duration() == null
                    ? null
                    : DiscountTerms.Duration.valueOf(request.duration().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // reported below
        }
        Integer periods = request.durationInPeriods();
        if (duration == null) {
            errors.put("duration", "must be once, repeating or forever");
        } else if (duration == DiscountTerms.Duration.REPEATING && (periods == null || periods < 1 || periods > 120)) {
            errors.put("durationInPeriods", "a repeating coupon lasts 1 to 120 periods");
        } else if (duration != DiscountTerms.Duration.REPEATING && periods != null) {
            errors.put("durationInPeriods", "is only for a repeating coupon");
        }
        List<String> plans = request.plans() == null ? List.of() : List.copyOf(request.plans());
        CatalogVersion version = catalog.current();
        for (int i = 0; i < plans.size(); i++) {
            String planCode = plans.get(i);
            if (planCode == null
                    || (version.plan(planCode).isEmpty()
                            && version.addOn(planCode).isEmpty())) {
                errors.put("plans[" + i + "]", "'" + planCode + "' is not a plan or add-on of the catalog");
            }
        }
        Integer max = request.maxRedemptions();
        if (max != null && max < 1) {
            errors.put("maxRedemptions", "must be at least 1");
        }
        Instant redeemBy = instant(request.redeemBy(), "redeemBy", errors);
        if (redeemBy != null && !redeemBy.isAfter(now)) {
            errors.put("redeemBy", "must be in the future");
        }
        String name = request.name() == null || request.name().isBlank()
                ? code
                : request.name().strip();
        if (name != null && name.length() > 100) {
            errors.put("name", "at most 100 characters");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors, "The coupon is invalid");
        }
        return new Coupon(
                code,
                name,
                percent == null ? null : percent.setScale(2),
                Map.copyOf(amounts),
                duration,
                duration == DiscountTerms.Duration.REPEATING ? periods : null,
                plans,
                max,
                redeemBy,
                0,
                now);
    }

    public PromotionCode promotionCode(NewPromotionCode request, Instant now) {
        Map<String, String> errors = new LinkedHashMap<>();
        String code = code(request.code(), "code", errors);
        if (request.coupon() == null || request.coupon().isBlank()) {
            errors.put("coupon", "is required");
        }
        Integer max = request.maxRedemptions();
        if (max != null && max < 1) {
            errors.put("maxRedemptions", "must be at least 1");
        }
        Instant expiresAt = instant(request.expiresAt(), "expiresAt", errors);
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            errors.put("expiresAt", "must be in the future");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors, "The promotion code is invalid");
        }
        return new PromotionCode(
                UUID.randomUUID(),
                code,
                request.coupon(),
                max,
                0,
                expiresAt,
                Boolean.TRUE.equals(request.firstTimeOnly()),
                true,
                now);
    }

    private static @Nullable String code(@Nullable String code, String field, Map<String, String> errors) {
        if (code == null || !CODE.matcher(code).matches()) {
            errors.put(field, "1 to 40 letters, digits, '-' or '_'");
            return null;
        }
        return code;
    }

    private static @Nullable Instant instant(@Nullable String value, String field, Map<String, String> errors) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.put(field, "must be an ISO-8601 instant such as 2027-01-31T00:00:00Z");
            return null;
        }
    }
}
