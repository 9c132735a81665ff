package com.abacus.contracts;

import java.time.Instant;
import java.util.Map;

/**
 * What a contract entitles its account to, from {@code from} until {@code until} (its term's first and last day in
 * the account's time zone): its plan's features and its add-ons' per unit bought. {@code contract} is its number, the
 * source the entitlement answer names.
 */
public record ContractGrant(String contract, String plan, Map<String, Integer> addOns, Instant from, Instant until) {}
