package com.abacus.shared.web;

import com.abacus.shared.DomainException;
import com.abacus.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Refusals on server-rendered pages (console and customer site; JSON APIs answer problem+json instead). Rendered in the
 * area's layout with the right status; for htmx, just the message, swapped where the result would have gone. A
 * forbidden action is refused on the server whatever the page offered.
 */
@ControllerAdvice(annotations = Controller.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.LOWEST_PRECEDENCE)
class PageErrors {

    @ExceptionHandler(AccessDeniedException.class)
    String forbidden(HttpServletRequest request, HttpServletResponse response, Model model) {
        return render(request, response, model, 403, "Your role does not allow this action.");
    }

    @ExceptionHandler(InvalidInputException.class)
    String invalid(InvalidInputException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        return render(
                request,
                response,
                model,
                400,
                e.fieldErrors().isEmpty()
                        ? e.getMessage()
                        : e.getMessage() + ": "
                                + String.join("; ", e.fieldErrors().values()));
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
        return render(request, response, model, status, e.getMessage());
    }

    private static String render(
            HttpServletRequest request, HttpServletResponse response, Model model, int status, String message) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("message", message);
        String page = request.getRequestURI().startsWith("/admin") ? "admin/error" : "site/error";
        return "true".equals(request.getHeader("HX-Request")) ? page + " :: message" : page;
    }
}
