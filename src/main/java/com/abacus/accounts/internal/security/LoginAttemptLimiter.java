package com.abacus.accounts.internal.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows down password guessing: after {@code maxAttempts} failed sign-ins for one username from one address within
 * the window, further attempts are refused with 429 until the window passes. Failures are counted in Redis, so the
 * budget holds across all instances; while Redis is unreachable each instance counts on its own (at most N times the
 * budget with N instances, which the bcrypt cost keeps small). Keys are hashed: no username is stored in Redis.
 */
class LoginAttemptLimiter {

    private static final Logger log = LoggerFactory.getLogger(LoginAttemptLimiter.class);

    private final int maxAttempts;
    private final Duration window;
    private final Cache<String, AtomicInteger> failures;
    private final StringRedisTemplate redis;

    LoginAttemptLimiter(int maxAttempts, Duration window, StringRedisTemplate redis) {
        this.maxAttempts = maxAttempts;
        this.window = window;
        this.failures = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(window).build();
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

    private void failed(String key) {
        failures.get(key, k -> new AtomicInteger()).incrementAndGet();
        try {
            Long count = redis.opsForValue().increment(redisKey(key));
            if (count != null && count == 1) {
                redis.expire(redisKey(key), window);
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
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "abacus:login-failures:" + java.util.HexFormat.of().formatHex(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    OncePerRequestFilter filter(String loginPath) {
        return new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !"POST".equals(request.getMethod()) || !loginPath.equals(request.getRequestURI());
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (blocked(key(request))) {
                    log.warn("Sign-in throttled for a username at {}", loginPath);
                    response.setStatus(429);
                    response.setHeader("Retry-After", "900");
                    response.setContentType("text/plain;charset=UTF-8");
                    response.getWriter().write("Too many failed sign-in attempts. Try again later.");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    AuthenticationFailureHandler failureHandler(String failureUrl) {
        SimpleUrlAuthenticationFailureHandler delegate = new SimpleUrlAuthenticationFailureHandler(failureUrl);
        return (request, response, exception) -> {
            failed(key(request));
            delegate.onAuthenticationFailure(request, response, exception);
        };
    }

    /** @param idleTimeout how long the new session lives without requests; null for the container's default */
    AuthenticationSuccessHandler successHandler(String defaultUrl, Duration idleTimeout) {
        SavedRequestAwareAuthenticationSuccessHandler delegate = new SavedRequestAwareAuthenticationSuccessHandler();
        delegate.setDefaultTargetUrl(defaultUrl);
        return (request, response, authentication) -> {
            succeeded(key(request));
            if (idleTimeout != null) {
                request.getSession().setMaxInactiveInterval((int) idleTimeout.toSeconds());
            }
            delegate.onAuthenticationSuccess(request, response, authentication);
        };
    }

    private static String key(HttpServletRequest request) {
        String username = request.getParameter("username");
        if (username == null) {
            username = request.getParameter("email");
        }
        return (username == null ? "" : username.trim().toLowerCase()) + "|" + request.getRemoteAddr();
    }
}
