package com.abacus.testclocks.internal.web;

import com.abacus.accounts.CustomerPrincipal;
import com.abacus.accounts.TestClocks;
import com.abacus.shared.AccountId;
import com.abacus.shared.SimulatedTime;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs a request for an account on a test clock at the clock's time: the customer's own requests (site and API), and
 * staff's on that account's console pages. Real accounts cost nothing after the first request (the account's clock
 * is remembered). Registered after Spring Security and the idempotency filter, so who is asking is known and request
 * bookkeeping stays on real time.
 */
class SimulatedTimeFilter extends OncePerRequestFilter {

    private static final Pattern CONSOLE_ACCOUNT = Pattern.compile("^/admin/accounts/([0-9a-fA-F-]{36})(/.*)?$");

    private final TestClocks clocks;

    SimulatedTimeFilter(TestClocks clocks) {
        this.clocks = clocks;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<SimulatedTime.Frame> frame = accountOf(request).flatMap(clocks::frameOf);
        if (frame.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        try {
            SimulatedTime.at(frame.get(), () -> {
                try {
                    chain.doFilter(request, response);
                } catch (IOException | ServletException e) {
                    throw new Rethrown(e);
                }
                return null;
            });
        } catch (Rethrown e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw (ServletException) e.getCause();
        }
    }

    private static Optional<AccountId> accountOf(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CustomerPrincipal customer) {
            return Optional.of(customer.accountId());
        }
        Matcher console = CONSOLE_ACCOUNT.matcher(request.getRequestURI());
        if (console.matches()) {
            try {
                return Optional.of(new AccountId(UUID.fromString(console.group(1))));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static final class Rethrown extends RuntimeException {
        Rethrown(Exception cause) {
            super(cause);
        }
    }
}
