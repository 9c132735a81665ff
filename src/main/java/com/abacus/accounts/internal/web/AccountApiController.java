package com.abacus.accounts.internal.web;

import com.abacus.accounts.Account;
import com.abacus.accounts.AccountBillingDetails;
import com.abacus.accounts.Accounts;
import com.abacus.accounts.BillingDetails;
import com.abacus.accounts.CustomerPrincipal;
import com.abacus.accounts.NewAccount;
import com.abacus.shared.AccountId;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.NotFoundException;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/accounts}: staff (ADMIN, SUPPORT) or a service with {@code accounts:write} open an account for a
 * customer, optionally on a test clock, and optionally get a customer API key for it in the answer (shown once), so a
 * script can drive checkout for it. The account's billing address and tax id are given there or changed later by
 * {@code PATCH /api/v1/accounts/{id}} (the customer their own, staff and services any), every change audited.
 */
@RestController
class AccountApiController {

    private final Accounts accounts;
    private final AccountBillingDetails billingDetails;
    private final boolean testClocksEnabled;

    AccountApiController(
            Accounts accounts,
            AccountBillingDetails billingDetails,
            @Value("${abacus.test-clocks.enabled:false}") boolean testClocksEnabled) {
        this.accounts = accounts;
        this.billingDetails = billingDetails;
        this.testClocksEnabled = testClocksEnabled;
    }

    record OpenAccount(
            @Nullable String email,
            @Nullable String name,
            @Nullable String currency,
            @Nullable String timeZone,
            @Nullable String country,
            @Nullable UUID testClockId,
            @Nullable Boolean apiKey,
            @Nullable JsonNode billingAddress,
            @Nullable JsonNode taxId) {}

    record AccountView(
            UUID id,
            String email,
            String name,
            String currency,
            String timeZone,
            @Nullable String country,
            @Nullable UUID testClockId,
            Instant createdAt,
            @Nullable String apiKey,
            BillingDetailsInput.@Nullable AddressView billingAddress,
            BillingDetailsInput.@Nullable TaxIdView taxId,
            boolean taxExempt,
            @Nullable String taxExemptReason) {

        static AccountView of(Account account, BillingDetails details, @Nullable String apiKey) {
            return new AccountView(
                    account.id().value(),
                    account.email(),
                    account.name(),
                    account.currency().getCurrencyCode(),
                    account.timeZone().getId(),
                    account.country(),
                    account.testClockId(),
                    account.createdAt(),
                    apiKey,
                    BillingDetailsInput.View.of(details).billingAddress(),
                    BillingDetailsInput.View.of(details).taxId(),
                    details.taxExempt(),
                    details.taxExemptReason());
        }
    }

    @PostMapping("/api/v1/accounts")
    @PreAuthorize("hasAnyRole('ADMIN', 'SUPPORT') or hasAuthority('SCOPE_accounts:write')")
    @Transactional
    ResponseEntity<AccountView> open(@RequestBody OpenAccount request, Authentication caller) {
        if (request.testClockId() != null && !testClocksEnabled) {
            throw new InvalidInputException("testClockId", "test clocks are not enabled in this deployment");
        }
        // Checked before the account is written, so a bad address opens nothing.
        var billing = BillingDetailsInput.initial(request.billingAddress(), request.taxId());
        Account account = accounts.open(new NewAccount(
                request.email(),
                request.name(),
                request.currency(),
                request.timeZone(),
                request.country(),
                null,
                request.testClockId()));
        BillingDetails details = billingDetails.change(account.id(), billing, caller.getName(), "account opened");
        String key = Boolean.TRUE.equals(request.apiKey()) ? accounts.issueCustomerApiKey(account.id(), "api") : null;
        return ResponseEntity.status(HttpStatus.CREATED).body(AccountView.of(account, details, key));
    }

    @GetMapping("/api/v1/accounts/{id}")
    @PreAuthorize("hasAnyRole('ADMIN', 'SUPPORT') or hasAuthority('SCOPE_accounts:write') or hasRole('CUSTOMER')")
    AccountView account(@PathVariable String id, Authentication caller) {
        Account account = visible(AccountId.of(id), caller);
        return AccountView.of(account, billingDetails.of(account.id()), null);
    }

    /**
     * Changes the billing address and tax id: a field left out stays, one set to null is removed. The customer may
     * change their own (another account is "not found"); staff and services any. {@code reason} goes to the audit.
     */
    @PatchMapping("/api/v1/accounts/{id}")
    @PreAuthorize("hasAnyRole('ADMIN', 'SUPPORT') or hasAuthority('SCOPE_accounts:write') or hasRole('CUSTOMER')")
    @Transactional
    AccountView change(@PathVariable String id, @RequestBody JsonNode body, Authentication caller) {
        Account account = visible(AccountId.of(id), caller);
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object with billingAddress and/or taxId");
        }
        var change = BillingDetailsInput.change(body);
        String reason = body.path("reason").asString("changed through the API");
        BillingDetails details = billingDetails.change(account.id(), change, caller.getName(), reason);
        return AccountView.of(account, details, null);
    }

    private Account visible(AccountId id, Authentication caller) {
        if (caller.getPrincipal() instanceof CustomerPrincipal customer
                && !customer.accountId().equals(id)) {
            throw new NotFoundException("account", id);
        }
        return accounts.get(id);
    }
}
