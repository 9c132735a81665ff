package com.abacus.testclocks.internal.web;

import com.abacus.accounts.TestClocks;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "abacus.test-clocks.enabled", havingValue = "true")
class TestClockWebConfiguration {

    /** After Spring Security (-100) and the idempotency filter (0). */
    @Bean
    FilterRegistrationBean<SimulatedTimeFilter> simulatedTimeFilter(TestClocks clocks) {
        var registration = new FilterRegistrationBean<>(new SimulatedTimeFilter(clocks));
        registration.addUrlPatterns("/*");
        registration.setOrder(1);
        return registration;
    }
}
