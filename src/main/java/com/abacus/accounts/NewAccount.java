package com.abacus.accounts;

/** What a customer gives us to open an account. */
public record NewAccount(
        String email, String name, String currency, String timeZone, String country, String password) {}
