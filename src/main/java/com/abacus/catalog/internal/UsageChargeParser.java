package com.abacus.catalog.internal;

import com.abacus.catalog.CatalogProblem;
import com.abacus.catalog.UsageCharge;
import com.abacus.catalog.UsageTier;
import com.abacus.shared.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a product's usage charges: metric, unit, tiers priced per currency, an optional monthly cap, the plans. */
final class UsageChargeParser extends CatalogFields {

    UsageChargeParser(String file, List<CatalogProblem> problems) {
        super(file, problems);
    }

    UsageCharge usageCharge(Object node, String field, String product, Set<String> planCodes) {
        Map<String, Object> map = map(node, field);
        if (map == null) {
            return null;
        }
        unknownKeys(
                map,
                field,
                Set.of("code", "name", "metric", "package_size", "package_rounding", "tiers", "monthly_cap", "plans"));
        String code = code(map, "code", field + ".code");
        String name = text(map, "name", field + ".name");
        String metric = code(map, "metric", field + ".metric");
        Long packageSize = map.containsKey("package_size")
                ? number(map.get("package_size"), field + ".package_size", true, 1, 1_000_000_000L)
                : Long.valueOf(1);
        UsageCharge.PackageRounding rounding = UsageCharge.PackageRounding.PER_UNIT;
        Object roundingValue = map.get("package_rounding");
        if ("up".equals(String.valueOf(roundingValue).trim())) {
            rounding = UsageCharge.PackageRounding.UP;
        } else if (roundingValue != null
                && !"per_unit".equals(String.valueOf(roundingValue).trim())) {
            problem(field + ".package_rounding", "must be up or per_unit (the default)");
        }
        List<UsageTier> tiers = new ArrayList<>();
        List<Object> tierNodes = list(map.get("tiers"), field + ".tiers", true);
        long previous = 0;
        for (int i = 0; i < tierNodes.size(); i++) {
            String tierField = field + ".tiers[" + i + "]";
            Map<String, Object> tier = map(tierNodes.get(i), tierField);
            if (tier == null) {
                continue;
            }
            unknownKeys(tier, tierField, Set.of("up_to", "prices"));
            Long upTo = tier.get("up_to") == null
                    ? null
                    : number(tier.get("up_to"), tierField + ".up_to", true, 1, Long.MAX_VALUE);
            if (upTo == null && i != tierNodes.size() - 1) {
                problem(tierField + ".up_to", "only the last tier may be unbounded");
            }
            if (upTo != null && upTo <= previous) {
                problem(tierField + ".up_to", "must be greater than the previous tier's up_to (" + previous + ")");
            }
            if (upTo != null && i == tierNodes.size() - 1) {
                problem(tierField + ".up_to", "the last tier must be unbounded (leave up_to out)");
            }
            previous = upTo == null ? previous : upTo;
            tiers.add(new UsageTier(upTo, prices(tier.get("prices"), tierField + ".prices", true)));
        }
        Map<String, Money> cap = prices(map.get("monthly_cap"), field + ".monthly_cap", false);
        Set<String> plans = planReferences(map.get("plans"), field + ".plans", planCodes);
        if (code == null || name == null || metric == null || packageSize == null) {
            return null;
        }
        for (int i = 0; i < tiers.size(); i++) {
            if (!tiers.get(i).prices().keySet().equals(tiers.get(0).prices().keySet())) {
                problem(field + ".tiers[" + i + "].prices", "must list the same currencies as the first tier");
            }
        }
        return new UsageCharge(code, product, name, metric, packageSize, List.copyOf(tiers), cap, plans, rounding);
    }
}
