package com.abacus.shared.web;

import com.abacus.shared.DomainException;
import com.abacus.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Refusals on server-rendered pages (console and customer site; JSON APIs answer problem+json instead). Rendered in the
 * area's layout with the right status; for htmx, just the message, swapped where the result would have gone. A
 * forbidden action is refused on the server whatever the page offered.
 */
@ControllerAdvice(annotations = Controller.class)
// Ahead of Spring Boot's problem-details advice, which would answer a page's missing or mistyped field with JSON; JSON
// APIs are answered by ProblemDetailsAdvice, which comes first.
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 10)
class PageErrors {

    @ExceptionHandler(AccessDeniedException.class)
    String forbidden(HttpServletRequest request, HttpServletResponse response, Model model) {
        return render(request, response, model, 403, "Your role does not allow this action.", Map.of());
    }

    @ExceptionHandler(InvalidInputException.class)
    String invalid(InvalidInputException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        return render(request, response, model, 400, e.getMessage(), e.fieldErrors());
    }

    /** A field the form did not send, or sent in a form the page cannot read (text where a number belongs). */
    @ExceptionHandler({
        MissingServletRequestParameterException.class,
        TypeMismatchException.class,
        BindException.class,
        HandlerMethodValidationException.class
    })
    String unreadableField(Exception e, HttpServletRequest request, HttpServletResponse response, Model model) {
        Map<String, String> fields = new TreeMap<>();
        if (e instanceof MissingServletRequestParameterException missing) {
            fields.put(missing.getParameterName(), "is required");
        } else if (e instanceof MethodArgumentTypeMismatchException mismatch) {
            fields.put(mismatch.getName(), "is not a valid value");
        } else if (e instanceof TypeMismatchException mismatch && mismatch.getPropertyName() != null) {
            fields.put(mismatch.getPropertyName(), "is not a valid value");
        } else if (e instanceof BindException bind) {
            bind.getFieldErrors().forEach(f -> fields.putIfAbsent(f.getField(), f.getDefaultMessage()));
        }
        return render(request, response, model, 400, "Please correct the fields marked below.", fields);
    }

    /** The request reached a page with a method or body it does not take (a tampered or stale form). */
    @ExceptionHandler({
        HttpRequestMethodNotSupportedException.class,
        HttpMediaTypeNotSupportedException.class,
        HttpMessageNotReadableException.class
    })
    String unsupported(Exception e, HttpServletRequest request, HttpServletResponse response, Model model) {
        int status = e instanceof org.springframework.web.ErrorResponse known
                ? known.getStatusCode().value()
                : 400;
        return render(request, response, model, status, "This page cannot take that request.", Map.of());
    }

    @ExceptionHandler(DomainException.class)
    String refused(DomainException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        int status = switch (e.kind()) {
            case NOT_FOUND -> 404;
            case INVALID -> 400;
            case FORBIDDEN -> 403;
            case PAYMENT_FAILED -> 402;
            case UNAVAILABLE -> 503;
            case CONFLICT -> 409;
        };
        return render(request, response, model, status, e.getMessage(), Map.of());
    }

    private static String render(
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            int status,
            String message,
            Map<String, String> fieldErrors) {
        response.setStatus(status);
        return ErrorPage.render(request, model, status, message, fieldErrors);
    }
}
