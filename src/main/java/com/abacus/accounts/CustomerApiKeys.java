package com.abacus.accounts;

import com.abacus.accounts.internal.ApiTokenRepository;
import com.abacus.shared.AccountId;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.NotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The API keys a customer manages on their account page: created (the plain key shown once), listed, revoked. A
 * revoked key is refused by every instance once its cached verdict expires ({@code abacus.security.token-cache-ttl}, 60 s by default).
 */
@Service
public class CustomerApiKeys {

    private final Accounts accounts;
    private final ApiTokenRepository tokens;
    private final Clock clock;

    CustomerApiKeys(Accounts accounts, ApiTokenRepository tokens, Clock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** @return the plain key, which is not stored and cannot be shown again */
    public String create(AccountId account, String name) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > 80) {
            throw new InvalidInputException("name", "must be 1 to 80 characters");
        }
        return accounts.issueCustomerApiKey(account, trimmed);
    }

    public List<CustomerApiKey> keys(AccountId account) {
        return tokens.forAccount(account);
    }

    public void revoke(AccountId account, UUID key) {
        if (!tokens.revoke(account, key, clock.instant())) {
            throw new NotFoundException("API key", key);
        }
    }
}
