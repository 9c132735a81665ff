package com.abacus.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.ui.Model;

/**
 * The styled error page of the site or the console (whichever area the request is in), or for htmx just its message
 * fragment: a heading a person understands for the status, one message (never the same text twice), and the fields to
 * correct, each with its own message so the page's script can put it next to the field.
 */
final class ErrorPage {

    private ErrorPage() {}

    static String render(
            HttpServletRequest request, Model model, int status, String message, Map<String, String> fieldErrors) {
        model.addAttribute("status", status);
        model.addAttribute("heading", heading(status));
        model.addAttribute("message", message(message, fieldErrors));
        model.addAttribute("fieldErrors", new TreeMap<>(fieldErrors));
        return "true".equals(request.getHeader("HX-Request"))
                ? "shared/problem :: message"
                : view(request.getRequestURI());
    }

    static String view(String path) {
        return path.startsWith("/admin") ? "admin/error" : "site/error";
    }

    static String heading(int status) {
        return switch (status) {
            case 404 -> "Page not found";
            case 403 -> "Not allowed";
            case 402 -> "Payment failed";
            case 409 -> "Could not do that now";
            case 503 -> "Temporarily unavailable";
            default -> status >= 500 ? "Something went wrong" : "Could not do that";
        };
    }

    /** When each field carries its own message, the summary does not repeat one of them. */
    private static String message(String message, Map<String, String> fieldErrors) {
        if (fieldErrors.isEmpty()) {
            return message;
        }
        if (fieldErrors.size() == 1 && fieldErrors.containsValue(message)) {
            return "Please correct the field marked below.";
        }
        return fieldErrors.containsValue(message) ? "Please correct the fields marked below." : message;
    }
}
