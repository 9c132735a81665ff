package com.abacus.accounts.internal.security;

import com.abacus.shared.web.ProblemResponses;
import com.abacus.shared.web.Problems;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows down guessing, one budget for every way a password or token is presented:
 * <ul>
 *   <li>passwords (console and site sign-in forms, staff HTTP Basic on the API): after {@code maxAttempts} failures for
 *       one username from one address within the window, further attempts are refused with 429 until the window
 *       passes, the right password included. A staff user's form and Basic attempts count together.</li>
 *   <li>bearer tokens (API keys, service tokens): after {@code maxTokenFailures} failed tokens from one address, that
 *       address is refused with 429 for the window. Checked from this instance's memory only, so the entitlement path
 *       pays no Redis call; each failure still adds to the shared count in Redis, and the count it returns blocks the
 *       address here, so across N instances at most N - 1 more guesses get through.</li>
 * </ul>
 * Failures are counted in Redis, so a budget holds across all instances; while Redis is unreachable each instance
 * counts on its own. Keys are hashed: no username is stored in Redis.
 */
class LoginAttemptLimiter {

    private static final Logger log = LoggerFactory.getLogger(LoginAttemptLimiter.class);

    /** Whose passwords a sign-in checks: staff sign in to the console and with Basic, customers on the site. */
    enum Realm {
        STAFF,
        CUSTOMER
    }

    private final int maxAttempts;
    private final int maxTokenFailures;
    private final Duration window;
    private final Cache<String, AtomicInteger> failures;
    private final StringRedisTemplate redis;

    LoginAttemptLimiter(int maxAttempts, int maxTokenFailures, Duration window, StringRedisTemplate redis) {
        this.maxAttempts = maxAttempts;
        this.maxTokenFailures = maxTokenFailures;
        this.window = window;
        this.failures = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(window)
                .build();
        this.redis = redis;
    }

    private boolean blocked(String key) {
        AtomicInteger local = failures.getIfPresent(key);
        int count = local == null ? 0 : local.get();
        try {
            String shared = redis.opsForValue().get(redisKey(key));
            count = Math.max(count, shared == null ? 0 : Integer.parseInt(shared));
        } catch (RuntimeException e) {
            log.debug("Redis unavailable for sign-in throttling; counting on this instance only: {}", e.getMessage());
        }
        return count >= maxAttempts;
    }

    private boolean blockedHere(String key) {
        AtomicInteger local = failures.getIfPresent(key);
        return local != null && local.get() >= maxTokenFailures;
    }

    private void failed(String key) {
        AtomicInteger local = failures.get(key, k -> new AtomicInteger());
        local.incrementAndGet();
        try {
            Long count = redis.opsForValue().increment(redisKey(key));
            if (count != null && count == 1) {
                redis.expire(redisKey(key), window);
            }
            if (count != null) {
                local.accumulateAndGet((int) Math.min(count, Integer.MAX_VALUE), Math::max);
            }
        } catch (RuntimeException e) {
            log.debug("Redis unavailable for sign-in throttling; counting on this instance only: {}", e.getMessage());
        }
    }

    private void succeeded(String key) {
        failures.invalidate(key);
        try {
            redis.delete(redisKey(key));
        } catch (RuntimeException e) {
            log.debug("Redis unavailable for sign-in throttling: {}", e.getMessage());
        }
    }

    private static String redisKey(String key) {
        try {
            byte[] hash =
                    java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "abacus:login-failures:" + java.util.HexFormat.of().formatHex(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Refuses a throttled sign-in form before its password is checked. */
    OncePerRequestFilter filter(String loginPath, Realm realm) {
        return new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !"POST".equals(request.getMethod()) || !loginPath.equals(request.getRequestURI());
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (blocked(formKey(realm, request))) {
                    log.warn("Sign-in throttled for a username at {}", loginPath);
                    response.setStatus(429);
                    response.setHeader("Retry-After", Long.toString(window.toSeconds()));
                    response.setContentType("text/plain;charset=UTF-8");
                    response.getWriter().write("Too many failed sign-in attempts. Try again later.");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    AuthenticationFailureHandler failureHandler(String failureUrl, Realm realm) {
        SimpleUrlAuthenticationFailureHandler delegate = new SimpleUrlAuthenticationFailureHandler(failureUrl);
        return (request, response, exception) -> {
            failed(formKey(realm, request));
            delegate.onAuthenticationFailure(request, response, exception);
        };
    }

    /** @param idleTimeout how long the new session lives without requests; null for the container's default */
    AuthenticationSuccessHandler successHandler(String defaultUrl, Duration idleTimeout, Realm realm) {
        SavedRequestAwareAuthenticationSuccessHandler delegate = new SavedRequestAwareAuthenticationSuccessHandler();
        delegate.setDefaultTargetUrl(defaultUrl);
        return (request, response, authentication) -> {
            succeeded(formKey(realm, request));
            if (idleTimeout != null) {
                request.getSession().setMaxInactiveInterval((int) idleTimeout.toSeconds());
            }
            delegate.onAuthenticationSuccess(request, response, authentication);
        };
    }

    /**
     * Throttles the credentials of API requests (staff HTTP Basic, bearer tokens) with the same budgets as the sign-in
     * forms. Placed before the authentication filters; a 401 from them is a failed attempt.
     */
    OncePerRequestFilter apiFilter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String header = request.getHeader("Authorization");
                if (header == null) {
                    chain.doFilter(request, response);
                    return;
                }
                if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
                    String key = realmKey(Realm.STAFF, basicUsername(header), request.getRemoteAddr());
                    if (blocked(key)) {
                        tooMany(response, "Too many failed sign-in attempts for this user; try again later.");
                        return;
                    }
                    chain.doFilter(request, response);
                    if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
                        failed(key);
                    } else {
                        succeeded(key);
                    }
                    return;
                }
                String key = "token|" + request.getRemoteAddr();
                if (blockedHere(key)) {
                    tooMany(response, "Too many failed tokens from this address; try again later.");
                    return;
                }
                chain.doFilter(request, response);
                if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
                    // A valid token does not reset the count: one good key must not let an address go on guessing.
                    failed(key);
                }
            }
        };
    }

    private void tooMany(HttpServletResponse response, String detail) throws IOException {
        log.warn("API credentials throttled: {}", detail);
        response.setHeader("Retry-After", Long.toString(window.toSeconds()));
        ProblemResponses.write(
                response,
                Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-attempts", "Too many failed attempts", detail));
    }

    private static String basicUsername(String header) {
        try {
            String decoded =
                    new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String formKey(Realm realm, HttpServletRequest request) {
        String username = request.getParameter("username");
        if (username == null) {
            username = request.getParameter("email");
        }
        return realmKey(realm, username, request.getRemoteAddr());
    }

    private static String realmKey(Realm realm, String username, String address) {
        return realm.name() + ":" + (username == null ? "" : username.trim().toLowerCase()) + "|" + address;
    }
}
