package com.abacus.accounts.internal.security;

import com.abacus.accounts.TokenScope;
import com.abacus.accounts.internal.ApiTokenRepository;
import com.abacus.accounts.internal.ApiTokenRepository.StoredToken;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Resolves bearer tokens. Lookups are cached for a short time because internal services call at thousands of requests
 * per second; a revoked token stops working within {@code cacheFor}. While PostgreSQL is unreachable a token verified
 * within the last {@link #OUTAGE_GRACE} keeps working: nothing can be revoked during the outage (revoking is a database
 * write), and entitlement checks must keep answering from the cache.
 */
class ApiTokenAuthenticationProvider implements AuthenticationProvider {

    static final Duration OUTAGE_GRACE = Duration.ofMinutes(15);

    private static final Logger log = LoggerFactory.getLogger(ApiTokenAuthenticationProvider.class);

    private record Lookup(Optional<StoredToken> token, long atNanos) {}

    private final ApiTokenRepository tokens;
    private final long cacheForNanos;
    private final Cache<String, Lookup> cache;

    ApiTokenAuthenticationProvider(ApiTokenRepository tokens, Duration cacheFor) {
        this.tokens = tokens;
        this.cacheForNanos = cacheFor.toNanos();
        this.cache = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(OUTAGE_GRACE.plus(cacheFor))
                .build();
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String plain = (String) authentication.getCredentials();
        StoredToken token = lookup(plain).orElseThrow(() -> new BadCredentialsException("Unknown or revoked token"));
        List<GrantedAuthority> authorities = new ArrayList<>();
        Object principal;
        if (token.customer()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_CUSTOMER"));
            principal = new ApiPrincipals.CustomerKey(token.accountId(), token.name());
        } else {
            authorities.add(new SimpleGrantedAuthority("ROLE_SERVICE"));
            token.scopes().stream()
                    .map(TokenScope::authority)
                    .map(SimpleGrantedAuthority::new)
                    .forEach(authorities::add);
            principal = new ApiPrincipals.Service(token.name(), token.scopes());
        }
        return new TokenAuthentication(principal, authorities);
    }

    private Optional<StoredToken> lookup(String plain) {
        Lookup known = cache.getIfPresent(plain);
        long now = System.nanoTime();
        if (known != null && now - known.atNanos() < cacheForNanos) {
            return known.token();
        }
        try {
            Optional<StoredToken> found = tokens.findActive(plain);
            cache.put(plain, new Lookup(found, now));
            return found;
        } catch (DataAccessException e) {
            if (known == null || known.token().isEmpty()) {
                throw e;
            }
            log.debug(
                    "PostgreSQL unavailable; accepting token '{}' verified {} s ago",
                    known.token().get().name(),
                    Duration.ofNanos(now - known.atNanos()).toSeconds());
            return known.token();
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerToken.class.isAssignableFrom(authentication);
    }

    /** An unauthenticated bearer token as read from the Authorization header. */
    static final class BearerToken extends AbstractAuthenticationToken {

        private final String token;

        BearerToken(String token) {
            super(List.of());
            this.token = token;
        }

        @Override
        public Object getCredentials() {
            return token;
        }

        @Override
        public Object getPrincipal() {
            return null;
        }
    }

    static final class TokenAuthentication extends AbstractAuthenticationToken {

        private final Object principal;

        TokenAuthentication(Object principal, List<GrantedAuthority> authorities) {
            super(authorities);
            this.principal = principal;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return null;
        }

        @Override
        public Object getPrincipal() {
            return principal;
        }

        @Override
        public String getName() {
            return principal.toString();
        }
    }
}
