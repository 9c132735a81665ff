package com.abacus.shared;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * An amount in integer minor units of an ISO-4217 currency (cents for USD, yen for JPY).
 *
 * <p>Rounding rule: whenever an amount is derived (proration, rating, tax-free quotes) it is rounded half-up to the
 * currency's minor unit, once, at the end of the computation. Amounts given by people (prices, refunds) must already be
 * at the currency's scale; more decimals are rejected rather than silently rounded.
 *
 * <p>Its JSON form (in recorded events) is just {@code {minor, currency}}: the {@code isZero}-style queries are not
 * properties.
 */
@JsonAutoDetect(isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public record Money(long minor, Currency currency) implements Comparable<Money> {

    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (currency.getDefaultFractionDigits() < 0) {
            throw new InvalidMoneyException("Currency " + currency + " has no minor unit and cannot be billed");
        }
    }

    public static Money ofMinor(long minor, Currency currency) {
        return new Money(minor, currency);
    }

    public static Money ofMinor(long minor, String currencyCode) {
        return new Money(minor, currency(currencyCode));
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    /** Exact conversion: an amount with more decimals than the currency allows is an error, not a rounding. */
    public static Money of(BigDecimal amount, Currency currency) {
        Objects.requireNonNull(amount, "amount");
        int scale = currency.getDefaultFractionDigits();
        try {
            return new Money(
                    amount.setScale(scale, RoundingMode.UNNECESSARY)
                            .movePointRight(scale)
                            .longValueExact(),
                    currency);
        } catch (ArithmeticException e) {
            throw new InvalidMoneyException("Amount " + amount.toPlainString() + " is not a valid " + currency
                    + " amount (" + scale + " decimals)");
        }
    }

    /** Plain decimals only (no exponent), at most 30 characters: {@code 1e3000000} is refused before BigDecimal works on it. */
    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[+-]?[0-9]{1,20}(\\.[0-9]{1,8})?");

    public static Money parse(String amount, String currencyCode) {
        if (amount == null || amount.length() > 30 || !DECIMAL.matcher(amount).matches()) {
            throw new InvalidMoneyException(
                    "Amount '" + (amount == null ? "" : amount.length() > 30 ? amount.substring(0, 30) + "…" : amount)
                            + "' is not a decimal number such as 12.50");
        }
        try {
            return of(new BigDecimal(amount), currency(currencyCode));
        } catch (NumberFormatException e) {
            throw new InvalidMoneyException("Amount '" + amount + "' is not a decimal number");
        }
    }

    public static Currency currency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            throw new InvalidMoneyException("Currency '" + code + "' is not an ISO-4217 code");
        }
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new InvalidMoneyException("Currency '" + code + "' is not an ISO-4217 code");
        }
        // XXX, XAU, XDR and the like have no minor unit: nobody is billed in them.
        if (currency.getDefaultFractionDigits() < 0) {
            throw new InvalidMoneyException("Currency '" + code + "' is not a currency anyone can be billed in");
        }
        return currency;
    }

    public String currencyCode() {
        return currency.getCurrencyCode();
    }

    public int scale() {
        return currency.getDefaultFractionDigits();
    }

    public BigDecimal amount() {
        return BigDecimal.valueOf(minor, scale());
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minor, other.minor), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(minor, other.minor), currency);
    }

    public Money negate() {
        return new Money(Math.negateExact(minor), currency);
    }

    public Money times(long quantity) {
        return new Money(Math.multiplyExact(minor, quantity), currency);
    }

    /** {@code this * numerator / denominator}, rounded half-up to the minor unit. */
    public Money fraction(long numerator, long denominator) {
        if (denominator <= 0) {
            throw new IllegalArgumentException("denominator must be positive");
        }
        BigDecimal result = BigDecimal.valueOf(minor)
                .multiply(BigDecimal.valueOf(numerator))
                .divide(BigDecimal.valueOf(denominator), 0, ROUNDING);
        return new Money(result.longValueExact(), currency);
    }

    /**
     * Splits this amount into {@code parts} amounts that sum exactly to it. Remainder rule: the leftover minor units go
     * one each to the first parts, so earlier days carry at most one minor unit more than later ones.
     */
    public List<Money> allocate(int parts) {
        if (parts <= 0) {
            throw new IllegalArgumentException("parts must be positive");
        }
        long base = minor / parts;
        long remainder = minor % parts;
        List<Money> result = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            long extra = i < Math.abs(remainder) ? Long.signum(remainder) : 0;
            result.add(new Money(base + extra, currency));
        }
        return result;
    }

    public boolean isZero() {
        return minor == 0;
    }

    public boolean isPositive() {
        return minor > 0;
    }

    public boolean isNegative() {
        return minor < 0;
    }

    public Money max(Money other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(minor, other.minor);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("Currency mismatch: " + currency + " vs " + other.currency);
        }
    }

    /** Plain amount at the currency's scale, e.g. {@code 12.30} or {@code 1500}. */
    public String toPlainString() {
        return amount().toPlainString();
    }

    @Override
    public String toString() {
        return currency.getCurrencyCode() + " " + toPlainString();
    }
}
