package com.abacus.shared.web;

import java.time.Clock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    /**
     * JSON types are what the API documents: a number where text is expected (a card number sent as a number), text
     * where a number is (a quantity sent as a string), or either where a boolean is, is refused, not converted.
     */
    @Bean
    org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer strictJsonTypes() {
        return builder -> builder.withCoercionConfig(
                        LogicalType.Textual,
                        c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Integer,
                        c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Float,
                        c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Boolean,
                        c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
    }

    @Bean
    IdempotencyStore idempotencyStore(JdbcClient jdbc, Clock clock, ApiSettings settings) {
        return new IdempotencyStore(jdbc, clock, settings.idempotencyAbandonedAfter());
    }

    /** Before everything else, Spring Security included: whatever fails below answers with a problem. */
    @Bean
    FilterRegistrationBean<ApiFailureFilter> apiFailureFilter() {
        var registration = new FilterRegistrationBean<>(new ApiFailureFilter());
        registration.addUrlPatterns("/api/*", "/internal/*");
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Before anything reads a body: every path's body is capped. */
    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(ApiSettings settings) {
        var registration = new FilterRegistrationBean<>(new RequestBodyLimit(
                settings.maxBodySize().toBytes(),
                settings.maxWebhookBodySize().toBytes(),
                settings.maxPageBodySize().toBytes()));
        registration.addUrlPatterns("/*");
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Runs right after Spring Security (order -100), so keys are scoped to the authenticated principal. */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyStore store, ApiSettings settings) {
        var registration = new FilterRegistrationBean<>(
                new IdempotencyFilter(store, settings.maxBodySize().toBytes(), settings.idempotencyWait()));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(0);
        return registration;
    }

    @Bean
    IdempotencyPurge idempotencyPurge(IdempotencyStore store, Clock clock, ApiSettings settings) {
        return new IdempotencyPurge(store, clock, settings);
    }

    record IdempotencyPurge(IdempotencyStore store, Clock clock, ApiSettings settings) {

        @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
        void purge() {
            store.purgeOlderThan(clock.instant().minus(settings.idempotencyRetention()));
        }
    }
}
