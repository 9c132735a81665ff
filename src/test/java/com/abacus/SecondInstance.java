package com.abacus;

import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Another application instance in the same JVM, on its own port, sharing the embedded PostgreSQL and Redis: what two
 * pods behind a load balancer look like to the database and the cache.
 */
public final class SecondInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private SecondInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static SecondInstance start(Map<String, Object> properties) {
        // With its own TestClock: each instance's time is set by the test, like two pods' clocks.
        var builder = new SpringApplicationBuilder(AbacusApplication.class, TestInfrastructure.class).profiles("test");
        // Command-line arguments: they win over the test profile's properties (builder properties would not).
        var args = new java.util.ArrayList<String>(java.util.List.of("--server.port=0", "--spring.jmx.enabled=false"));
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        return new SecondInstance(builder.run(args.toArray(String[]::new)));
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public TestClock clock() {
        return context.getBean(TestClock.class);
    }

    public ApiClient api() {
        return new ApiClient(port());
    }

    @Override
    public void close() {
        context.close();
    }
}
