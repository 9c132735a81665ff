package com.abacus.catalog;

/** How often a plan is paid for. Annual plans change and cancel only at period end. */
public enum BillingInterval {
    MONTH(1),
    YEAR(12);

    private final int months;

    BillingInterval(int months) {
        this.months = months;
    }

    public int months() {
        return months;
    }
}
