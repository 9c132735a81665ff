package com.abacus.shared.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds RFC 9457 problems with Abacus' stable problem codes as their {@code type}. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {}

    public static URI type(String code) {
        return URI.create("/problems/" + code);
    }

    public static ProblemDetail of(HttpStatusCode status, String code, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(code));
        problem.setTitle(title);
        problem.setProperty("code", code);
        return problem;
    }

    public static ProblemDetail of(HttpStatus status, String code, String detail) {
        return of(status, code, status.getReasonPhrase(), detail);
    }

    /**
     * The failure is a dependency that is down for a moment (a dropped or exhausted database connection, Redis
     * unreachable): answer 503, which clients retry, rather than 500.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.springframework.dao.TransientDataAccessException
                    || cause instanceof org.springframework.dao.DataAccessResourceFailureException
                    || cause instanceof org.springframework.transaction.CannotCreateTransactionException
                    || cause instanceof java.sql.SQLTransientException
                    || cause instanceof java.sql.SQLRecoverableException) {
                return true;
            }
        }
        return false;
    }

    public static ProblemDetail unavailable() {
        ProblemDetail problem = of(
                HttpStatus.SERVICE_UNAVAILABLE,
                "temporarily-unavailable",
                "Temporarily unavailable",
                "A dependency failed for a moment and nothing was changed. Retry with the same Idempotency-Key.");
        problem.setProperty("retryAfterSeconds", 1);
        return problem;
    }

    public static ProblemDetail internalError() {
        return of(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error",
                "Internal error",
                "The request could not be completed. It is safe to retry with the same Idempotency-Key.");
    }

    /** Field errors as {@code errors: [{field, message}]}, sorted by field so responses are stable. */
    public static ProblemDetail invalid(String detail, Map<String, String> fieldErrors) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", detail);
        List<Map<String, String>> errors = fieldErrors.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> Map.of("field", e.getKey(), "message", e.getValue()))
                .toList();
        problem.setProperty("errors", errors);
        return problem;
    }
}
