package com.abacus.shared.web;

import com.abacus.shared.Money;

/** Money in JSON: a decimal string at the currency's scale (never a float) and the ISO-4217 code. */
public record MoneyView(String amount, String currency) {

    public static MoneyView of(Money money) {
        return money == null ? null : new MoneyView(money.toPlainString(), money.currencyCode());
    }
}
