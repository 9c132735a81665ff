package com.abacus.catalog;

/**
 * What a plan grants for one feature: a switch ({@code image_resizing: true}) or a numeric limit ({@code
 * load_balancers: 5}). A limit of zero means the feature is not available.
 */
public record FeatureValue(boolean enabled, Long limit) {

    public static FeatureValue of(boolean enabled) {
        return new FeatureValue(enabled, null);
    }

    public static FeatureValue limit(long limit) {
        return new FeatureValue(limit > 0, limit);
    }

    /** Named so that template and JSON property access ({@code value.limit}) reach the limit, not this test. */
    public boolean hasLimit() {
        return limit != null;
    }

    @Override
    public String toString() {
        return hasLimit() ? Long.toString(limit) : Boolean.toString(enabled);
    }
}
