package com.abacus.accounts;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a customer gives us to open an account (sign-up), or what staff and services give to open one for them.
 *
 * @param password required at sign-up; optional when staff or a service open the account (it then acts by API key)
 * @param testClockId the test clock the account lives on (sandbox only); null for a real account
 */
public record NewAccount(
        String email,
        String name,
        String currency,
        String timeZone,
        String country,
        @Nullable String password,
        @Nullable UUID testClockId) {

    public NewAccount(String email, String name, String currency, String timeZone, String country, String password) {
        this(email, name, currency, timeZone, country, password, null);
    }
}
