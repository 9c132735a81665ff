package com.abacus.accounts.internal.security;

import com.abacus.accounts.CustomerPrincipal;
import com.abacus.accounts.StaffRole;
import com.abacus.accounts.internal.AccountRepository;
import com.abacus.accounts.internal.StaffUserRepository;
import com.abacus.shared.AccountId;
import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/** Staff and customers are looked up in separate tables, so a customer can never sign in to the console. */
final class UserDetailsServices {

    private UserDetailsServices() {}

    static UserDetailsService staff(StaffUserRepository staff) {
        return username -> staff.find(username)
                .map(user -> User.withUsername(user.username())
                        .password(user.passwordHash())
                        .disabled(!user.enabled())
                        .authorities(user.roles().stream()
                                .map(StaffRole::authority)
                                .map(SimpleGrantedAuthority::new)
                                .toList())
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException("No staff user " + username));
    }

    static UserDetailsService customers(AccountRepository accounts) {
        return email -> accounts.credential(email)
                .map(c -> new CustomerUser(email.trim().toLowerCase(), c.passwordHash(), c.accountId()))
                .orElseThrow(() -> new UsernameNotFoundException("No customer " + email));
    }

    /** A customer signed in on the site. */
    static final class CustomerUser extends User implements CustomerPrincipal {

        private final AccountId accountId;

        CustomerUser(String email, String passwordHash, AccountId accountId) {
            super(email, passwordHash, List.of(new SimpleGrantedAuthority("ROLE_CUSTOMER")));
            this.accountId = accountId;
        }

        @Override
        public AccountId accountId() {
            return accountId;
        }
    }
}
