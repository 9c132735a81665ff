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
 * while stopping (the embedded PostgreSQL's own shutdown hook used to race Spring's: 40 lines of pool errors).
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
            assertThat(stopping)
                    .as("errors while stopping")
                    .doesNotContain("ERROR")
                    .doesNotContain("Connection refused")
                    .doesNotContain("terminating connection");
        }
    }
}
