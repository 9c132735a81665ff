package com.abacus.admin.internal.web;

import com.abacus.catalog.Catalog;
import com.abacus.entitlements.Entitlements;
import com.abacus.shared.AccountId;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** The entitlements section of an account page, as the page and its htmx refreshes render it. */
@Component
class EntitlementView {

    private final Entitlements entitlements;
    private final Catalog catalog;

    EntitlementView(Entitlements entitlements, Catalog catalog) {
        this.entitlements = entitlements;
        this.catalog = catalog;
    }

    void addTo(AccountId account, Model model) {

        model.addAttribute(
                "entitlements",
                entitlements.current(account).map(s -> s.features().values()).orElse(List.of()));
        model.addAttribute(
                "snapshotVersion",
                entitlements.current(account).map(s -> s.version()).orElse(0L));
        model.addAttribute("trials", entitlements.trials(account));
        model.addAttribute("overrides", entitlements.overrides(account));
        model.addAttribute("plans", catalog.current().plans().map(p -> p.code()).toList());
        model.addAttribute("features", entitlements.knownFeatures().keySet());
    }
}
