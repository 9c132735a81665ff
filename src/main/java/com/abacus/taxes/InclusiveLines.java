package com.abacus.taxes;

import java.util.List;
import java.util.function.Predicate;

/**
 * Which of a document's lines are priced with tax included because their plan says so ({@code tax_inclusive} in the
 * catalog): a line whose code names such a plan, and the discount lines right after it, which reduce it. The rest
 * follow the currency ({@link TaxTreatment#inclusive()}).
 */
public final class InclusiveLines {

    private InclusiveLines() {}

    /** {@code discounts.get(i)}: line {@code i} is a discount line (it follows the line it reduces). */
    public static boolean[] of(List<String> codes, List<Boolean> discounts, Predicate<String> inclusivePlan) {
        boolean[] inclusive = new boolean[codes.size()];
        boolean reduced = false;
        for (int i = 0; i < codes.size(); i++) {
            inclusive[i] = discounts.get(i) ? reduced : inclusivePlan.test(codes.get(i));
            if (!discounts.get(i)) {
                reduced = inclusive[i];
            }
        }
        return inclusive;
    }
}
