package com.abacus.accounts.internal.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;

final class BearerTokens {

    private BearerTokens() {}

    /** Reads {@code Authorization: Bearer <token>}; anything else is left to the other mechanisms. */
    static Authentication read(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        if (token.isEmpty() || token.length() > 200) {
            return new ApiTokenAuthenticationProvider.BearerToken("invalid");
        }
        return new ApiTokenAuthenticationProvider.BearerToken(token);
    }
}
