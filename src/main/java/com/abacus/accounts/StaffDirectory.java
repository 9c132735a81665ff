package com.abacus.accounts;

import com.abacus.accounts.internal.ApiTokenRepository;
import com.abacus.accounts.internal.StaffUserRepository;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Staff accounts for the console and service tokens for internal callers. */
@Service
public class StaffDirectory {

    private final StaffUserRepository staff;
    private final ApiTokenRepository tokens;
    private final PasswordEncoder passwords;

    StaffDirectory(StaffUserRepository staff, ApiTokenRepository tokens, PasswordEncoder passwords) {
        this.staff = staff;
        this.tokens = tokens;
        this.passwords = passwords;
    }

    @Transactional
    public void createStaffUser(String username, String displayName, String password, Set<StaffRole> roles) {
        if (staff.exists(username)) {
            return;
        }
        staff.insert(username, displayName, passwords.encode(password), roles);
    }

    public boolean staffUserExists(String username) {
        return staff.exists(username);
    }

    /** Issues a service token with the given scopes; the plain token is returned once and stored as a SHA-256 hash. */
    @Transactional
    public String issueServiceToken(String name, Collection<TokenScope> scopes) {
        return tokens.issue(name, null, List.copyOf(scopes));
    }

    /** Stores a known token (demo data, bootstrap from a secret) so operators can hand it to a service. */
    @Transactional
    public void registerServiceToken(String name, String plainToken, Collection<TokenScope> scopes) {
        tokens.register(name, plainToken, null, List.copyOf(scopes));
    }

    @Transactional
    public void registerCustomerApiKey(com.abacus.shared.AccountId accountId, String name, String plainToken) {
        tokens.register(name, plainToken, accountId, List.of());
    }
}
