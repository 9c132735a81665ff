package com.abacus.shared.web;

import com.abacus.shared.Money;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Formatting for templates. Customers read dates in their account's time zone ({@code ${@fmt.date(instant, zone)}}:
 * "2 Dec 2026"; {@code ${@fmt.at(instant, zone)}}: "2 Dec 2026, 04:48 JST") and prices with the currency's symbol at its
 * scale ({@code ${@fmt.price(money)}}: "$50.00", "¥3,750"). Console lists that span accounts show UTC, labelled so
 * ({@code ${@fmt.at(instant)}}), and amounts with the ISO code ({@code ${@fmt.money(currency, minor)}}: "USD 205.00").
 */
@Component("fmt")
public class Formats {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL_DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter LOCAL_AT =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm z", Locale.ENGLISH);

    /** A moment in UTC, for console pages that list many accounts. */
    public String at(Instant instant) {
        return instant == null ? "" : AT.format(instant);
    }

    /** A day in UTC, for console pages that list many accounts. */
    public String date(Instant instant) {
        return instant == null ? "" : DATE.format(instant);
    }

    /** The day an instant falls on in the account's time zone. */
    public String date(Instant instant, ZoneId zone) {
        return instant == null ? "" : LOCAL_DATE.format(instant.atZone(zone));
    }

    /** A moment in the account's time zone, with the zone's abbreviation. */
    public String at(Instant instant, ZoneId zone) {
        return instant == null ? "" : LOCAL_AT.format(instant.atZone(zone));
    }

    /**
     * An amount kept in minor units as staff read it: the ISO code, grouped digits, the currency's scale ({@code USD
     * 5,784.00}, {@code JPY 3,750}).
     */
    public String money(String currency, Long minor) {
        if (minor == null) {
            return "";
        }
        Money money = Money.ofMinor(minor, currency);
        NumberFormat format = NumberFormat.getNumberInstance(Locale.US);
        format.setMinimumFractionDigits(money.currency().getDefaultFractionDigits());
        format.setMaximumFractionDigits(money.currency().getDefaultFractionDigits());
        return money.currency().getCurrencyCode() + " " + format.format(money.amount());
    }

    /** An amount as a customer reads it: the currency's symbol, grouped digits, its scale ("$1,890.00", "¥3,750"). */
    public String price(Money money) {
        return money == null ? "" : price(money.currency().getCurrencyCode(), money.minor());
    }

    public String price(String currency, Long minor) {
        if (minor == null) {
            return "";
        }
        Money money = Money.ofMinor(minor, currency);
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
        format.setCurrency(money.currency());
        format.setMinimumFractionDigits(money.currency().getDefaultFractionDigits());
        format.setMaximumFractionDigits(money.currency().getDefaultFractionDigits());
        return format.format(money.amount());
    }

    public String lower(Enum<?> value) {
        return value == null ? "" : value.name().toLowerCase(Locale.ROOT);
    }
}
