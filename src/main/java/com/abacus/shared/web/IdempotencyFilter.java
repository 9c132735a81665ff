package com.abacus.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Every write to {@code /api/**} carries an {@code Idempotency-Key}. The first request with a key runs; a retry gets
 * the first response back byte for byte (marked {@code Idempotent-Replayed: true}); a retry racing the first one waits
 * for it instead of running twice. Keys are scoped to the authenticated principal. A 5xx is not remembered, so the
 * caller may retry it; the modules' own keys (order, charge, refund) make that retry safe.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final IdempotencyStore store;
    private final long maxBodyBytes;
    private final Duration waitForFirst;

    public IdempotencyFilter(IdempotencyStore store, long maxBodyBytes, Duration waitForFirst) {
        this.store = store;
        this.maxBodyBytes = maxBodyBytes;
        this.waitForFirst = waitForFirst;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !WRITES.contains(request.getMethod()) || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            chain.doFilter(request, response);
            return;
        }
        String key = request.getHeader(HEADER);
        if (key == null || key.isBlank() || key.length() > 255) {
            ProblemResponses.write(
                    response,
                    Problems.of(
                            HttpStatus.BAD_REQUEST,
                            "idempotency-key-required",
                            "Idempotency key required",
                            "Write requests need an Idempotency-Key header (1 to 255 characters), e.g. a UUID."));
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
        if (body.length > maxBodyBytes) {
            ProblemResponses.write(
                    response,
                    Problems.of(
                            HttpStatus.CONTENT_TOO_LARGE,
                            "body-too-large",
                            "Request body too large",
                            "Request bodies are limited to " + maxBodyBytes + " bytes."));
            return;
        }
        String principal = authentication.getName();
        String fingerprint = fingerprint(request, body);
        CachedBodyRequest replayable = new CachedBodyRequest(request, body);

        IdempotencyStore.Claim claim =
                store.claim(principal, key, request.getMethod(), request.getRequestURI(), fingerprint);
        switch (claim.outcome()) {
            case CLAIMED -> run(principal, key, replayable, response, chain);
            case MISMATCH ->
                ProblemResponses.write(
                        response,
                        Problems.of(
                                HttpStatus.UNPROCESSABLE_CONTENT,
                                "idempotency-key-reused",
                                "Idempotency key reused",
                                "This Idempotency-Key was already used for a different request."));
            case COMPLETED -> replay(claim.response(), response);
            case IN_PROGRESS -> {
                Optional<IdempotencyStore.StoredResponse> first = store.awaitCompletion(principal, key, waitForFirst);
                if (first.isPresent()) {
                    replay(first.get(), response);
                } else {
                    ProblemResponses.write(
                            response,
                            Problems.of(
                                    HttpStatus.CONFLICT,
                                    "idempotency-request-in-progress",
                                    "Request in progress",
                                    "A request with this Idempotency-Key is still being processed; retry shortly."));
                }
            }
        }
    }

    private void run(
            String principal, String key, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ContentCachingResponseWrapper recorder = new ContentCachingResponseWrapper(response);
        boolean remembered = false;
        try {
            chain.doFilter(request, recorder);
            // 202 is provisional (the outcome is not known yet): a retry with the key asks the handler again, which is
            // idempotent by the key itself, and so learns the outcome instead of a replayed "accepted".
            if (recorder.getStatus() < 500 && recorder.getStatus() != HttpStatus.ACCEPTED.value()) {
                store.complete(
                        principal,
                        key,
                        recorder.getStatus(),
                        recorder.getContentType(),
                        recorder.getContentAsByteArray(),
                        recorder.getHeader("Location"));
                remembered = true;
            }
        } finally {
            if (!remembered) {
                store.release(principal, key);
            }
            recorder.copyBodyToResponse();
        }
    }

    private static void replay(IdempotencyStore.StoredResponse stored, HttpServletResponse response)
            throws IOException {
        response.setStatus(stored.status());
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.location() != null) {
            response.setHeader("Location", stored.location());
        }
        response.setHeader("Idempotent-Replayed", "true");
        response.getOutputStream().write(stored.body());
    }

    private static String fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(request.getMethod().getBytes(StandardCharsets.UTF_8));
            digest.update(request.getRequestURI().getBytes(StandardCharsets.UTF_8));
            if (request.getQueryString() != null) {
                digest.update(request.getQueryString().getBytes(StandardCharsets.UTF_8));
            }
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its already-read body available again to the controller. */
    static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
