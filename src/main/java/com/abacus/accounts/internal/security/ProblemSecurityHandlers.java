package com.abacus.accounts.internal.security;

import com.abacus.shared.web.ProblemResponses;
import com.abacus.shared.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 for API callers, as problem+json like every other API error. */
final class ProblemSecurityHandlers {

    private ProblemSecurityHandlers() {}

    static AuthenticationEntryPoint unauthorized() {
        return (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            ProblemResponses.write(
                    response,
                    Problems.of(
                            HttpStatus.UNAUTHORIZED,
                            "unauthenticated",
                            "Unauthenticated",
                            "A valid bearer token (or staff credentials) is required."));
        };
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, e) -> ProblemResponses.write(
                response,
                Problems.of(
                        HttpStatus.FORBIDDEN,
                        "forbidden",
                        "Forbidden",
                        "Your credentials do not allow this operation."));
    }
}
