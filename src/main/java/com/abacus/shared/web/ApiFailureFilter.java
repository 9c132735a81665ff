package com.abacus.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The outermost filter of the APIs: a failure outside any controller (in the idempotency or security filters, e.g. the
 * database connection dropped while claiming a key) still answers with a problem, not the container's error page. A
 * dependency that is down for a moment is a 503 the client retries; anything else a 500.
 */
public class ApiFailureFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiFailureFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (response.isCommitted()) {
                throw e;
            }
            response.reset();
            if (Problems.isTransient(e)) {
                log.warn(
                        "{} {} failed on a dependency that is unavailable: {}",
                        request.getMethod(),
                        request.getRequestURI(),
                        e.toString());
                response.setHeader(HttpHeaders.RETRY_AFTER, "1");
                ProblemResponses.write(response, Problems.unavailable());
            } else {
                log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
                ProblemResponses.write(response, Problems.internalError());
            }
        }
    }
}
