package com.abacus.shared.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The error page of the whole deployable, in place of Spring Boot's: what a filter or the container refused with a
 * status (the security firewall's rejected paths, unknown URLs, a failure past every handler) answers problem+json on
 * the API paths and the area's styled error page on the site and the console.
 */
@Controller
class ErrorResponses implements ErrorController {

    @RequestMapping("/error")
    Object error(HttpServletRequest request, HttpServletResponse response) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : HttpStatus.INTERNAL_SERVER_ERROR.value();
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri instanceof String value ? value : request.getRequestURI();
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        if (isApi(path) || acceptsJsonOnly(request)) {
            ProblemDetail problem = status == 404
                    ? Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", "There is nothing at this address.")
                    : status >= 500
                            ? Problems.internalError()
                            : Problems.of(
                                    HttpStatus.valueOf(known == null ? 400 : status),
                                    "http-" + status,
                                    title,
                                    "The request was refused: " + title + ".");
            return ResponseEntity.status(problem.getStatus())
                    .header(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE)
                    .body(problem);
        }
        response.setStatus(status);
        ModelAndView page = new ModelAndView(ErrorPage.view(path));
        page.setStatus(HttpStatus.valueOf(known == null ? 500 : status));
        page.addObject("status", status);
        page.addObject("heading", ErrorPage.heading(status));
        page.addObject("fieldErrors", java.util.Map.of());
        page.addObject(
                "message",
                switch (status) {
                    case 404 -> "There is no page at this address.";
                    case 403 -> "You are not allowed to see this page.";
                    default ->
                        status >= 500
                                ? "Something went wrong on our side; please try again."
                                : "The request could not be handled (" + title + ").";
                });
        return page;
    }

    private static boolean isApi(String path) {
        return path.startsWith("/api/")
                || path.startsWith("/internal/")
                || path.startsWith("/webhooks/")
                || path.startsWith("/actuator/");
    }

    private static boolean acceptsJsonOnly(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("json") && !accept.contains("html");
    }
}
