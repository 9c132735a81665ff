package com.abacus.catalog;

import com.abacus.shared.Money;
import java.util.Map;

/** One step of a graduated price: units up to {@code upTo} (null: no upper bound) cost {@code prices} per package. */
public record UsageTier(Long upTo, Map<String, Money> prices) {}
