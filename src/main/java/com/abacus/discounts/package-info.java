/**
 * Coupons and the promotion codes customers type for them: what is taken off (a percentage, or an amount per currency),
 * on what (plans and add-ons), for how long (once, N periods, forever), and how often it may be redeemed. A redeemed
 * coupon becomes the subscription's discount ({@link com.abacus.subscriptions.DiscountTerms}); subscriptions price it.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Discounts",
        allowedDependencies = {"shared", "accounts", "catalog", "subscriptions"})
@org.jspecify.annotations.NullMarked
package com.abacus.discounts;
