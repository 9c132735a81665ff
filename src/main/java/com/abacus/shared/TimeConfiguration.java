package com.abacus.shared;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;

/**
 * Billing code asks this clock for "now", so tests move time instead of sleeping, and work for accounts on a test clock
 * runs at the clock's time ({@link SimulatedTime}). Instants are stored in UTC.
 */
@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return SimulatedTime.clock(Clock.systemUTC());
    }

    /**
     * Hands the calling thread's test-clock frame to asynchronous work (event listeners after commit run on the
     * application task executor), so what a clock's account sets off stays on the clock's time.
     */
    @Bean
    TaskDecorator simulatedTimeDecorator() {
        return SimulatedTime::carried;
    }
}
