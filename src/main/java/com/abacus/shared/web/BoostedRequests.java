package com.abacus.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A boosted request (htmx sending a page's plain link or form, see app.js) is a page navigation: it is answered as the
 * browser's own request would be, with the whole page, not with the fragment a page returns to its htmx parts. The
 * htmx request headers are hidden from everything below, so no page has to tell the two kinds of htmx request apart.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class BoostedRequests extends OncePerRequestFilter {

    private static final List<String> HIDDEN = List.of("HX-Request", "HX-Boosted", "HX-Target", "HX-Trigger");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"true".equals(request.getHeader("HX-Boosted"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new AsPageRequest(request), response);
    }

    private static final class AsPageRequest extends HttpServletRequestWrapper {

        AsPageRequest(HttpServletRequest request) {
            super(request);
        }

        private static boolean hidden(String name) {
            return HIDDEN.stream().anyMatch(h -> h.equalsIgnoreCase(name));
        }

        @Override
        public String getHeader(String name) {
            return hidden(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !hidden(name))
                    .toList());
        }
    }
}
