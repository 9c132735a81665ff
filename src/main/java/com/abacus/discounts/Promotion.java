package com.abacus.discounts;

import com.abacus.subscriptions.DiscountTerms;

/** A promotion code checked for one purchase: the code, its coupon, and the discount the purchase gets. */
public record Promotion(PromotionCode code, Coupon coupon, DiscountTerms terms) {}
