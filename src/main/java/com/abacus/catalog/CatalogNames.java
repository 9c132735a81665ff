package com.abacus.catalog;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * What a person reads for a catalog code: "Edge Network Pro" for {@code edge-pro-monthly}, "Extra load balancer" for
 * {@code edge-extra-load-balancer}, "Image resizing" for {@code image_resizing}. Looked up in the current version; a
 * code it no longer has (a retired plan) is looked up in older versions, and shown as itself only if no version ever
 * had it. Templates use it as {@code ${@names.plan(code)}}.
 */
@Component("names")
public class CatalogNames {

    private final Catalog catalog;

    CatalogNames(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The product's name and the plan's ("Edge Network Pro"); just the plan's when it already says the product's. */
    public String plan(String code) {
        return find(code, planIn(code));
    }

    public String addOn(String code) {
        return find(code, addOnIn(code));
    }

    private static Function<CatalogVersion, Optional<String>> planIn(String code) {
        return version -> version.products().stream()
                .flatMap(product -> product.plans().stream()
                        .filter(plan -> plan.code().equals(code))
                        .map(plan -> planName(product, plan)))
                .findFirst();
    }

    private static Function<CatalogVersion, Optional<String>> addOnIn(String code) {
        return version -> version.products().stream()
                .flatMap(product -> product.addOns().stream())
                .filter(addOn -> addOn.code().equals(code))
                .map(AddOn::name)
                .findFirst();
    }

    public String feature(String code) {
        return find(
                code,
                version -> version.products().stream()
                        .map(product -> product.features().get(code))
                        .filter(java.util.Objects::nonNull)
                        .map(FeatureDefinition::name)
                        .findFirst());
    }

    /**
     * An invoice or quote line as a person reads it. Lines keep the catalog code they bill ("edge-pro-monthly",
     * "Unused time on edge-pro-monthly (12 of 30 days)"); shown, the code is the plan's or add-on's name.
     */
    public String line(String code, String description) {
        if (code == null || description == null) {
            return description == null ? "" : description;
        }
        String name = item(code);
        if (description.equals(code)) {
            return name;
        }
        return description.replace(code, name);
    }

    /** Where an entitlement comes from, as staff read it: "Plan Edge Network Pro", "Add-on Extra load balancer". */
    public String source(String source) {
        if (source == null) {
            return "";
        }
        int colon = source.indexOf(':');
        String kind = colon < 0 ? source : source.substring(0, colon);
        String code = colon < 0 ? "" : source.substring(colon + 1);
        return switch (kind) {
            case "plan" -> "Plan " + plan(code);
            case "addon" -> "Add-on " + addOn(code);
            case "trial" -> "Trial";
            case "override" -> "Override";
            default -> source;
        };
    }

    /** A plan or an add-on, whichever the code is (invoice lines and previews carry either). */
    public String item(String code) {
        // One walk over the versions: an add-on code must not send the plan lookup through every older version first.
        return find(
                code,
                version -> planIn(code).apply(version).or(() -> addOnIn(code).apply(version)));
    }

    public String product(String code) {
        return current().product(code).map(Product::name).orElse(code);
    }

    /** A plan as people name it: "Edge Network Pro" (the product's name, unless the plan's own name starts with it). */
    public static String planName(Product product, Plan plan) {
        String productName = product.name();
        String firstWord = productName.split(" ")[0].toLowerCase(Locale.ROOT);
        return plan.name().toLowerCase(Locale.ROOT).startsWith(firstWord)
                ? plan.name()
                : productName + " " + plan.name();
    }

    private CatalogVersion current() {
        return catalog.current();
    }

    /** The current version first (the common case, no lookup); older versions only for a code it does not have. */
    private String find(String code, Function<CatalogVersion, Optional<String>> lookup) {
        if (code == null) {
            return "";
        }
        CatalogVersion current = current();
        Optional<String> found = lookup.apply(current);
        if (found.isPresent()) {
            return found.get();
        }
        return catalog.versionNumbers().stream()
                .sorted(Comparator.reverseOrder())
                .filter(number -> number != current.number())
                .map(number -> lookup.apply(catalog.version(number)))
                .flatMap(Optional::stream)
                .findFirst()
                .orElse(code);
    }
}
