package com.abacus.catalog;

/** When a plan change takes effect: at once (prorated) or when the paid period ends. */
public enum ChangeTiming {
    IMMEDIATE,
    PERIOD_END
}
