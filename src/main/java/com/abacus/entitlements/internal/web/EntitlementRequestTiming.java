package com.abacus.entitlements.internal.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Wires the entitlement endpoint behind Spring Security, and times it with one histogram timer ({@code
 * abacus.entitlements.requests}, the p99 the alert rules watch) instead of the generic per-request observation, which
 * costs as much as serving the answer.
 */
@Configuration(proxyBeanMethods = false)
class EntitlementRequestTiming {

    @Bean
    ObservationPredicate skipGenericObservationOfEntitlementRequests() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && request.getCarrier().getRequestURI().startsWith("/internal/v1/"));
    }

    /** Right after Spring Security's filter chain (order -100), which has checked the service token's scope. */
    @Bean
    FilterRegistrationBean<EntitlementEndpoint> entitlementEndpoint(
            com.abacus.entitlements.internal.EntitlementReader reader,
            com.abacus.entitlements.Entitlements entitlements) {
        var registration = new FilterRegistrationBean<>(new EntitlementEndpoint(reader, entitlements));
        registration.addUrlPatterns("/internal/v1/*");
        registration.setOrder(-99);
        return registration;
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> entitlementTimer(MeterRegistry registry) {
        Timer timer = Timer.builder("abacus.entitlements.requests")
                .description("Internal entitlement API requests")
                .publishPercentileHistogram()
                .register(registry);
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (request.getRequestURI().equals(EntitlementChangesController.PATH)) {
                    chain.doFilter(request, response); // a long poll: its wait is not latency
                    return;
                }
                long start = System.nanoTime();
                try {
                    chain.doFilter(request, response);
                } finally {
                    timer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
                }
            }
        };
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(filter);
        registration.addUrlPatterns("/internal/v1/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
