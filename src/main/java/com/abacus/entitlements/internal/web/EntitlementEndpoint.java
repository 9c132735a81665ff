package com.abacus.entitlements.internal.web;

import com.abacus.entitlements.Entitlements;
import com.abacus.entitlements.internal.EntitlementReader;
import com.abacus.entitlements.internal.cache.CachedEntitlements;
import com.abacus.entitlements.internal.cache.SnapshotJson;
import com.abacus.shared.AccountId;
import com.abacus.shared.DomainException;
import com.abacus.shared.InvalidInputException;
import com.abacus.shared.NotFoundException;
import com.abacus.shared.web.ProblemResponses;
import com.abacus.shared.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * "May account A use feature F, and how many?" — the hottest path in the deployable, so it is served by this filter
 * (after Spring Security has authenticated the service token and checked {@code entitlements:read}) rather than through
 * MVC's handler lookup:
 *
 * <pre>
 * GET /internal/v1/accounts/{accountId}/entitlements             every feature
 * GET /internal/v1/accounts/{accountId}/entitlements/{feature}   one feature
 * GET /internal/v1/entitlements?accountId=…&amp;accountId=…          up to 200 accounts (unknown ids listed as missing),
 *                                                                also ?accountId=a,b
 * POST /internal/v1/entitlements {"accountIds": ["…", "…"]}     the same, for lists too long for a URL
 * </pre>
 *
 * A bulk id that is not a UUID is refused (400, its position named), not reported missing.
 *
 * Answers come from the near cache as pre-rendered JSON. ETags are the snapshot version, so a client holding the
 * current answer gets 304. {@code X-Entitlements-Stale: true} marks an answer served while PostgreSQL and Redis could
 * not confirm it. Errors are problem+json like the rest of the API.
 */
class EntitlementEndpoint extends OncePerRequestFilter {

    static final String ACCOUNTS = "/internal/v1/accounts/";
    static final String BULK = "/internal/v1/entitlements";
    private static final String ENTITLEMENTS = "entitlements";

    private final EntitlementReader reader;
    private final Entitlements entitlements;

    EntitlementEndpoint(EntitlementReader reader, Entitlements entitlements) {
        this.reader = reader;
        this.entitlements = entitlements;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        boolean get = "GET".equals(request.getMethod());
        boolean bulkPost = !get && "POST".equals(request.getMethod()) && path.equals(BULK);
        if (!get && !bulkPost) {
            chain.doFilter(request, response);
            return;
        }
        try {
            if (path.equals(BULK)) {
                bulk(get ? BulkAccountIds.fromQuery(request) : BulkAccountIds.fromBody(request), response);
                return;
            }
            if (path.startsWith(ACCOUNTS)) {
                String rest = path.substring(ACCOUNTS.length());
                int slash = rest.indexOf('/');
                if (slash > 0 && rest.startsWith(ENTITLEMENTS, slash + 1)) {
                    String account = rest.substring(0, slash);
                    String tail = rest.substring(slash + 1 + ENTITLEMENTS.length());
                    if (tail.isEmpty()) {
                        CachedEntitlements cached = read(account);
                        answer(request, response, cached, cached.json());
                        return;
                    }
                    if (tail.charAt(0) == '/' && tail.length() > 1 && tail.indexOf('/', 1) < 0) {
                        one(request, response, read(account), tail.substring(1));
                        return;
                    }
                }
            }
            chain.doFilter(request, response);
        } catch (DomainException e) {
            HttpStatus status = switch (e.kind()) {
                case NOT_FOUND -> HttpStatus.NOT_FOUND;
                case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
                default -> HttpStatus.BAD_REQUEST;
            };
            var problem = e instanceof InvalidInputException invalid
                    ? Problems.invalid(invalid.getMessage(), invalid.fieldErrors())
                    : Problems.of(status, e.code(), e.getMessage());
            problem.setInstance(URI.create(path));
            ProblemResponses.write(response, problem);
        }
    }

    private void one(
            HttpServletRequest request, HttpServletResponse response, CachedEntitlements cached, String feature)
            throws IOException {
        byte[] json = cached.featureJson(feature);
        if (json == null) {
            if (!entitlements.knownFeatures().containsKey(feature)) {
                throw new NotFoundException("feature", feature);
            }
            json = SnapshotJson.absent(cached, feature);
        }
        answer(request, response, cached, json);
    }

    private void bulk(List<AccountId> ids, HttpServletResponse response) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.size() * 512);
        List<String> missing = new ArrayList<>();
        boolean stale = false;
        boolean first = true;
        out.writeBytes("{\"accounts\":[".getBytes(StandardCharsets.UTF_8));
        List<Optional<CachedEntitlements>> answers = reader.readAll(ids);
        for (int i = 0; i < ids.size(); i++) {
            Optional<CachedEntitlements> cached = answers.get(i);
            if (cached.isEmpty()) {
                missing.add(ids.get(i).toString());
                continue;
            }
            if (!first) {
                out.write(',');
            }
            out.writeBytes(cached.get().json());
            stale |= cached.get().stale();
            first = false;
        }
        out.writeBytes("],\"missing\":[".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < missing.size(); i++) {
            out.writeBytes(((i > 0 ? "," : "") + "\"" + missing.get(i) + "\"").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        response.setContentType("application/json");
        if (stale) {
            response.setHeader("X-Entitlements-Stale", "true");
        }
        byte[] body = out.toByteArray();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private CachedEntitlements read(String accountId) {
        return parse(accountId).flatMap(reader::read).orElseThrow(() -> new NotFoundException("account", accountId));
    }

    private static Optional<AccountId> parse(String id) {
        if (id.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AccountId(UUID.fromString(id)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void answer(
            HttpServletRequest request, HttpServletResponse response, CachedEntitlements cached, byte[] body)
            throws IOException {
        response.setHeader("ETag", cached.etag());
        response.setHeader("Cache-Control", "no-cache");
        if (cached.stale()) {
            response.setHeader("X-Entitlements-Stale", "true");
        }
        if (cached.etag().equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
