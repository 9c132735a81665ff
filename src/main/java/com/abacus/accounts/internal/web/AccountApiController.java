package com.abacus.accounts.internal.web;

import com.abacus.accounts.Account;
import com.abacus.accounts.Accounts;
import com.abacus.accounts.NewAccount;
import com.abacus.shared.InvalidInputException;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/accounts}: staff (ADMIN, SUPPORT) or a service with {@code accounts:write} open an account for a
 * customer, optionally on a test clock, and optionally get a customer API key for it in the answer (shown once), so a
 * script can drive checkout for it.
 */
@RestController
class AccountApiController {

    private final Accounts accounts;
    private final boolean testClocksEnabled;

    AccountApiController(Accounts accounts, @Value("${abacus.test-clocks.enabled:false}") boolean testClocksEnabled) {
        this.accounts = accounts;
        this.testClocksEnabled = testClocksEnabled;
    }

    record OpenAccount(
            @Nullable String email,
            @Nullable String name,
            @Nullable String currency,
            @Nullable String timeZone,
            @Nullable String country,
            @Nullable UUID testClockId,
            @Nullable Boolean apiKey) {}

    record AccountView(
            UUID id,
            String email,
            String name,
            String currency,
            String timeZone,
            @Nullable String country,
            @Nullable UUID testClockId,
            Instant createdAt,
            @Nullable String apiKey) {

        static AccountView of(Account account, @Nullable String apiKey) {
            return new AccountView(
                    account.id().value(),
                    account.email(),
                    account.name(),
                    account.currency().getCurrencyCode(),
                    account.timeZone().getId(),
                    account.country(),
                    account.testClockId(),
                    account.createdAt(),
                    apiKey);
        }
    }

    @PostMapping("/api/v1/accounts")
    @PreAuthorize("hasAnyRole('ADMIN', 'SUPPORT') or hasAuthority('SCOPE_accounts:write')")
    @Transactional
    ResponseEntity<AccountView> open(@RequestBody OpenAccount request) {
        if (request.testClockId() != null && !testClocksEnabled) {
            throw new InvalidInputException("testClockId", "test clocks are not enabled in this deployment");
        }
        Account account = accounts.open(new NewAccount(
                request.email(),
                request.name(),
                request.currency(),
                request.timeZone(),
                request.country(),
                null,
                request.testClockId()));
        String key = Boolean.TRUE.equals(request.apiKey()) ? accounts.issueCustomerApiKey(account.id(), "api") : null;
        return ResponseEntity.status(HttpStatus.CREATED).body(AccountView.of(account, key));
    }
}
