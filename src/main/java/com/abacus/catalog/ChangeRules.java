package com.abacus.catalog;

/** A product's rules for moving between its plans. Annual plans override these with period-end downgrades and cancels. */
public record ChangeRules(ChangeTiming upgrade, ChangeTiming downgrade, ChangeTiming cancel) {

    public static final ChangeRules DEFAULT =
            new ChangeRules(ChangeTiming.IMMEDIATE, ChangeTiming.PERIOD_END, ChangeTiming.PERIOD_END);
}
