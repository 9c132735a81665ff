package com.abacus.admin.internal.web;

import com.abacus.catalog.Catalog;
import com.abacus.catalog.CatalogChange;
import com.abacus.subscriptions.Subscriptions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalog diff for pull requests: {@code POST /api/v1/catalog/diff} with the changed files (name → YAML). The
 * proposal is validated like a publication (400 naming file and field otherwise) and compared with the current
 * version; each change says how many live subscriptions it touches.
 */
@RestController
@PreAuthorize("hasAnyRole('ADMIN', 'SUPPORT')")
class CatalogApiController {

    private final Catalog catalog;
    private final Subscriptions subscriptions;

    CatalogApiController(Catalog catalog, Subscriptions subscriptions) {
        this.catalog = catalog;
        this.subscriptions = subscriptions;
    }

    record Proposal(@NotEmpty Map<@NotBlank String, @NotNull String> files) {}

    record ChangeView(
            String kind,
            String product,
            String plan,
            String field,
            String before,
            String after,
            long subscriptionsAffected) {}

    record DiffView(int currentVersion, List<ChangeView> changes) {}

    @PostMapping("/api/v1/catalog/diff")
    DiffView diff(@Valid @RequestBody Proposal proposal) {
        Map<String, String> files =
                new LinkedHashMap<>(catalog.files(catalog.current().number()));
        files.putAll(proposal.files());
        List<CatalogChange> changes = catalog.diffProposal(files);
        Map<String, Long> byCurrency = subscriptions.liveCountByPlanAndCurrency();
        Map<String, Long> byPlan = subscriptions.liveCountByPlan();
        return new DiffView(
                catalog.current().number(),
                changes.stream()
                        .map(c -> new ChangeView(
                                c.kind().name().toLowerCase(),
                                c.product(),
                                c.plan(),
                                c.field(),
                                c.before(),
                                c.after(),
                                CatalogConsole.affected(c, byCurrency, byPlan)))
                        .toList());
    }
}
