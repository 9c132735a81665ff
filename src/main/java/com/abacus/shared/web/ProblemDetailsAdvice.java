package com.abacus.shared.web;

import com.abacus.shared.DomainException;
import com.abacus.shared.InvalidInputException;
import jakarta.validation.ConstraintViolationException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;

/**
 * Every JSON API answers errors as {@code application/problem+json} (RFC 9457). Bad input is always a 4xx naming the
 * field; only a bug is a 500, and even then the body is a problem without internals.
 */
@RestControllerAdvice(annotations = RestController.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalidInput(InvalidInputException e) {
        return problem(Problems.invalid(e.getMessage(), e.fieldErrors()));
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> domain(DomainException e) {
        HttpStatus status = switch (e.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case PAYMENT_FAILED -> HttpStatus.PAYMENT_REQUIRED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
        ProblemDetail problem = Problems.of(status, e.code(), title(e.code()), e.getMessage());
        e.details().forEach(problem::setProperty);
        return problem(problem);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.getConstraintViolations()
                .forEach(v -> errors.put(lastNode(v.getPropertyPath().toString()), v.getMessage()));
        return problem(Problems.invalid("Request has invalid fields", errors));
    }

    /** Query or form fields bound to an object (MethodArgumentNotValidException, for bodies, is handled by the base). */
    @ExceptionHandler(org.springframework.validation.BindException.class)
    ResponseEntity<ProblemDetail> bind(org.springframework.validation.BindException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.getFieldErrors().forEach(f -> errors.putIfAbsent(f.getField(), f.getDefaultMessage()));
        return problem(Problems.invalid("Request has invalid fields", errors));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(Problems.invalid("Parameter has the wrong type", Map.of(e.getName(), "has the wrong type")));
    }

    @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
    void security(RuntimeException e) {
        // Let Spring Security's entry point and access-denied handler answer (401/403 problems).
        throw e;
    }

    /** A body a controller parses itself (signed webhooks read the raw text first) turned out not to be JSON. */
    @ExceptionHandler(StreamReadException.class)
    ResponseEntity<ProblemDetail> unreadable(StreamReadException e) {
        return problem(Problems.of(
                HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body", "Request body is not valid JSON"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (Problems.isTransient(e)) {
            log.warn("Request failed on a dependency that is unavailable: {}", e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, "1")
                    .header(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE)
                    .body(Problems.unavailable());
        }
        log.error("Unexpected error", e);
        return problem(Problems.internalError());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.getBindingResult().getFieldErrors().forEach(f -> errors.putIfAbsent(f.getField(), f.getDefaultMessage()));
        e.getBindingResult()
                .getGlobalErrors()
                .forEach(g -> errors.putIfAbsent(g.getObjectName(), g.getDefaultMessage()));
        return asObject(Problems.invalid("Request has invalid fields", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.getParameterValidationResults()
                .forEach(r -> r.getResolvableErrors()
                        .forEach(err -> errors.putIfAbsent(
                                r.getMethodParameter().getParameterName(), err.getDefaultMessage())));
        return asObject(Problems.invalid("Request has invalid parameters", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getMostSpecificCause();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestBodyLimit.BodyTooLargeException) {
                return asObject(Problems.of(
                        HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Request body too large", t.getMessage()));
            }
        }
        if (cause instanceof InvalidInputException invalid) {
            return asObject(Problems.invalid(invalid.getMessage(), invalid.fieldErrors()));
        }
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            return asObject(Problems.invalid(
                    "Request body has a field of the wrong type or shape",
                    Map.of(jsonPath(databind), "has the wrong type or an invalid value")));
        }
        String detail = cause instanceof JacksonException
                ? "Request body is not valid JSON"
                : "Request body is missing or unreadable";
        return asObject(Problems.of(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body", detail));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null
                && response.getBody() instanceof ProblemDetail problem
                && problem.getProperties() == null) {
            problem.setProperty("code", "http-" + status.value());
        }
        return response == null
                ? null
                : ResponseEntity.status(response.getStatusCode())
                        .headers(response.getHeaders())
                        .header(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE)
                        .body(response.getBody());
    }

    private static String jsonPath(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static String title(String code) {
        String words = code.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .header(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE)
                .body(problem);
    }

    private static ResponseEntity<Object> asObject(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .header(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE)
                .body(problem);
    }
}
