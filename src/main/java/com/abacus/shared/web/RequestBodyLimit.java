package com.abacus.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps every request body before anyone reads it, the container's own error handling included: processor webhooks at a
 * processor's real maximum (1 MB by default), the APIs at {@code abacus.api.max-body-size}, pages (forms) at
 * {@code abacus.api.max-page-body-size}. A declared length over the cap is refused at once, unread; a body without
 * one (chunked) is counted while it is read and refused the moment it passes the cap (pages, whose forms the container
 * parses itself, must declare it: 411 otherwise). Either way the answer is 413
 * problem+json and the connection is closed, so a flood of huge bodies costs a few buffers, not the heap.
 */
public class RequestBodyLimit extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestBodyLimit.class);

    private final long apiMax;
    private final long webhookMax;
    private final long pageMax;

    public RequestBodyLimit(long apiMax, long webhookMax, long pageMax) {
        this.apiMax = apiMax;
        this.webhookMax = webhookMax;
        this.pageMax = pageMax;
    }

    long limitFor(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (path.startsWith("/webhooks/")) {
            return webhookMax;
        }
        return isApi(path) ? apiMax : pageMax;
    }

    private static boolean isApi(String path) {
        return path.startsWith("/api/") || path.startsWith("/internal/") || path.startsWith("/webhooks/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request);
        if (request.getContentLengthLong() > limit) {
            refuse(request, response, limit);
            return;
        }
        if (!isApi(request.getRequestURI())
                && request.getContentLengthLong() < 0
                && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            // Forms are parsed by the container, past any wrapper: a page body must declare its length (browsers do).
            response.setHeader(HttpHeaders.CONNECTION, "close");
            ProblemResponses.write(
                    response,
                    Problems.of(
                            HttpStatus.LENGTH_REQUIRED,
                            "length-required",
                            "Length required",
                            "Form posts must declare their Content-Length."));
            return;
        }
        Bounded bounded = new Bounded(request, limit);
        try {
            chain.doFilter(bounded, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!bounded.exceeded || response.isCommitted()) {
                throw e;
            }
        }
        if (bounded.exceeded && !response.isCommitted()) {
            response.reset();
            refuse(request, response, limit);
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, long limit)
            throws IOException {
        log.warn("{} {}: body over {} bytes refused", request.getMethod(), request.getRequestURI(), limit);
        // The rest of the body is not read: close the connection instead of draining it.
        response.setHeader(HttpHeaders.CONNECTION, "close");
        ProblemResponses.write(
                response,
                Problems.of(
                        HttpStatus.CONTENT_TOO_LARGE,
                        "body-too-large",
                        "Request body too large",
                        "Request bodies here are limited to " + limit + " bytes."));
    }

    /** The request with a body that stops (and says so) at the cap. */
    private static final class Bounded extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;
        private BufferedReader reader;
        volatile boolean exceeded;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream());
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }

        private final class Counting extends ServletInputStream {

            private final ServletInputStream in;
            private long read;

            Counting(ServletInputStream in) {
                this.in = in;
            }

            private int count(int n) throws IOException {
                if (n > 0) {
                    read += n;
                    if (read > limit) {
                        exceeded = true;
                        throw new BodyTooLargeException(limit);
                    }
                }
                return n;
            }

            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return count(in.read(buffer, offset, length));
            }

            @Override
            public boolean isFinished() {
                return in.isFinished();
            }

            @Override
            public boolean isReady() {
                return in.isReady();
            }

            @Override
            public void setReadListener(ReadListener listener) {
                in.setReadListener(listener);
            }
        }
    }

    /** Thrown to whoever reads past the cap; the filter answers 413 for them. */
    static final class BodyTooLargeException extends IOException {

        BodyTooLargeException(long limit) {
            super("request body over " + limit + " bytes");
        }
    }
}
