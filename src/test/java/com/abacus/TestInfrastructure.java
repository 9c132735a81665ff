package com.abacus;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

@TestConfiguration(proxyBeanMethods = false)
public class TestInfrastructure {

    @Bean
    @Primary
    TestClock testClock() {
        return new TestClock();
    }

    @Bean
    PublishedEvents publishedEvents() {
        return new PublishedEvents();
    }

    /** Records every event published in the application, so tests can count them (published, not just delivered). */
    public static class PublishedEvents {

        private final java.util.List<Object> events = new java.util.concurrent.CopyOnWriteArrayList<>();

        @org.springframework.context.event.EventListener
        void on(Object event) {
            if (event.getClass().getPackageName().startsWith("com.abacus")) {
                events.add(event);
            }
        }

        public <T> java.util.List<T> ofType(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }
}
