package com.abacus.invoicing.internal.web;

import com.abacus.accounts.CustomerPrincipal;
import com.abacus.invoicing.Invoicing;
import com.abacus.invoicing.UsageEventInput;
import com.abacus.invoicing.UsageReceipt;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/usage}: a batch of usage events, idempotent by event id. Internal services send with a service
 * token carrying {@code usage:write} and name the account per event; a customer's own key reports its own usage.
 */
@RestController
class UsageApiController {

    private final Invoicing invoicing;

    UsageApiController(Invoicing invoicing) {
        this.invoicing = invoicing;
    }

    record UsageBatch(@NotNull List<UsageEventInput> events) {}

    @PostMapping("/api/v1/usage")
    @PreAuthorize("hasRole('CUSTOMER') or hasAuthority('SCOPE_usage:write')")
    UsageReceipt record(Authentication authentication, @Valid @RequestBody UsageBatch batch) {
        var customer = authentication.getPrincipal() instanceof CustomerPrincipal c ? c.accountId() : null;
        return invoicing.recordUsage(batch.events(), customer);
    }
}
