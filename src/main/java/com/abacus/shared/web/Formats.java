package com.abacus.shared.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Formatting for templates: {@code ${@fmt.at(instant)}}, {@code ${@fmt.money(currency, minor)}}. Times are shown in UTC,
 * labelled as such.
 */
@Component("fmt")
public class Formats {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    public String at(Instant instant) {
        return instant == null ? "" : AT.format(instant);
    }

    public String date(Instant instant) {
        return instant == null ? "" : DATE.format(instant);
    }

    /** An amount kept in minor units, shown in major units at its currency's scale: {@code USD 205.00}, {@code JPY 3750}. */
    public String money(String currency, Long minor) {
        return minor == null
                ? ""
                : com.abacus.shared.Money.ofMinor(minor, currency).toString();
    }

    public String lower(Enum<?> value) {
        return value == null ? "" : value.name().toLowerCase(Locale.ROOT);
    }
}
