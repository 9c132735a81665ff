package com.abacus.catalog;

/**
 * One difference between two catalogs, e.g. a plan's EUR price going from 19.00 to 21.00. {@code plan} is the plan
 * whose subscribers the change concerns (null for product-level changes).
 */
public record CatalogChange(Kind kind, String product, String plan, String field, String before, String after) {

    public enum Kind {
        PLAN_ADDED,
        PLAN_REMOVED,
        PRICE_ADDED,
        PRICE_CHANGED,
        PRICE_REMOVED,
        FEATURE_CHANGED,
        ADDON_CHANGED,
        USAGE_CHARGE_CHANGED,
        PRODUCT_ADDED,
        PRODUCT_REMOVED,
        OTHER
    }
}
