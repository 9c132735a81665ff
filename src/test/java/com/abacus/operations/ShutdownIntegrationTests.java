package com.abacus.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.abacus.ForkedInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The development server (embedded PostgreSQL and Redis in the application's JVM) stops cleanly: the servers go after
 * Spring has closed the application, not beside it, so the connection pool and the jobs never lose their database
 * while stopping (the embedded PostgreSQL's own shutdown hook used to race Spring's: 40 lines of pool errors; so did
 * embedded-redis's, with a listener's "Unexpected end of stream").
 */
class ShutdownIntegrationTests {

    @Test
    void embeddedServersStopAfterTheApplication() throws Exception {
        Path data = Files.createTempDirectory("abacus-shutdown");
        try (ForkedInstance instance = ForkedInstance.startStandalone("shutdown", data)) {
            await().atMost(Duration.ofSeconds(150))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> instance.log().contains("Started AbacusApplication") || !instance.alive());
            assertThat(instance.alive()).as(instance.log()).isTrue();
            instance.stop();
            String log = instance.log();
            String stopping = log.substring(log.indexOf("Started AbacusApplication"));
            assertThat(stopping).contains("HikariPool-1 - Shutdown completed");
            // Redis goes after the pool too, by the application's hand, not from embedded-redis's own JVM hook (which
            // stopped it at SIGTERM, under a still-subscribed listener).
            assertThat(stopping.indexOf("Embedded Redis on port"))
                    .as("Redis stopped by the application, after the pool")
                    .isGreaterThan(stopping.indexOf("HikariPool-1 - Shutdown completed"));
            assertThat(stopping)
                    .as("errors while stopping")
                    .doesNotContain("ERROR")
                    .doesNotContain("Connection refused")
                    .doesNotContain("terminating connection");
        }
    }
}
