package com.abacus;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;
import redis.embedded.RedisServer;

/**
 * Starts a real PostgreSQL and a real Redis server (binaries shipped as Maven artifacts) when
 * {@code abacus.embedded.enabled=true} and no external server is configured through {@code ABACUS_DB_URL} /
 * {@code ABACUS_REDIS_URL}. Used by {@code ./mvnw spring-boot:run} (dev profile) and by the test suite.
 *
 * <p>Servers are started once per JVM and shared by every application context in it, which is exactly what the
 * multi-instance tests need: two application instances on one PostgreSQL and one Redis.
 */
public class EmbeddedInfrastructure implements EnvironmentPostProcessor, Ordered {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

    private static EmbeddedPostgres postgres;
    private static EmbeddedRedisServer redis;
    private static int redisPort;

    @Override
    public int getOrder() {
        // After config data (application*.properties) is loaded, so the switches below can be read from it.
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("abacus.embedded.enabled", Boolean.class, false)) {
            return;
        }
        String dataDir = environment.getProperty("abacus.embedded.data-dir", "");
        Map<String, Object> properties = new HashMap<>();
        if (!StringUtils.hasText(environment.getProperty("ABACUS_DB_URL"))) {
            int port = environment.getProperty("abacus.embedded.postgres-port", Integer.class, 0);
            EmbeddedPostgres pg = startPostgres(dataDir, port);
            properties.put("spring.datasource.url", "jdbc:postgresql://localhost:" + pg.getPort() + "/abacus");
            properties.put("spring.datasource.username", "postgres");
            properties.put("spring.datasource.password", "");
        }
        if (!StringUtils.hasText(environment.getProperty("ABACUS_REDIS_URL"))) {
            int port = environment.getProperty("abacus.embedded.redis-port", Integer.class, 0);
            properties.put("spring.data.redis.url", "redis://localhost:" + startRedis(port));
        }
        environment.getPropertySources().addFirst(new MapPropertySource("abacusEmbeddedInfrastructure", properties));
        // Spring Boot runs its shutdown handlers after it has closed every application context: the servers go last,
        // once the pools, schedulers and listeners that use them have stopped.
        SpringApplication.getShutdownHandlers().add(EmbeddedInfrastructure::stopAll);
    }

    static synchronized void stopAll() {
        stopRedis();
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("Embedded PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            postgres = null;
        }
    }

    /** Port of the embedded PostgreSQL, or -1 when none runs; tests use it to stop and restart the server. */
    public static synchronized int postgresPort() {
        return postgres == null ? -1 : postgres.getPort();
    }

    public static synchronized int redisPort() {
        return redis == null ? -1 : redisPort;
    }

    private static synchronized EmbeddedPostgres startPostgres(String dataDir, int port) {
        if (postgres != null) {
            return postgres;
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    // Stopped by stopPostgres(), after Spring has closed the application (see postProcessEnvironment):
                    // its own JVM hook would race Spring's and stop the server under a closing connection pool.
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", StringUtils.hasText(dataDir) ? "on" : "off")
                    .setServerConfig("synchronous_commit", StringUtils.hasText(dataDir) ? "on" : "off")
                    .setServerConfig("full_page_writes", StringUtils.hasText(dataDir) ? "on" : "off")
                    .setServerConfig("timezone", "UTC");
            if (port > 0) {
                builder.setPort(port);
            }
            if (StringUtils.hasText(dataDir)) {
                Path dir = Path.of(dataDir, "postgres").toAbsolutePath();
                Files.createDirectories(dir.getParent());
                builder.setDataDirectory(dir).setCleanDataDirectory(false);
            }
            postgres = builder.start();
            createDatabase(postgres);
            log.info(
                    "Embedded PostgreSQL on port {} (data: {})",
                    postgres.getPort(),
                    StringUtils.hasText(dataDir) ? Path.of(dataDir, "postgres").toAbsolutePath() : "temporary");
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        }
    }

    private static void createDatabase(EmbeddedPostgres pg) {
        try (Connection connection = pg.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("select 1 from pg_database where datname = 'abacus'")) {
                if (rs.next()) {
                    return;
                }
            }
            statement.execute("create database abacus");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not create database abacus", e);
        }
    }

    private static synchronized int startRedis(int port) {
        if (redis != null) {
            return redisPort;
        }
        try {
            redisPort = port > 0 ? port : freePort();
            List<String> args = RedisServer.newRedisServer()
                    .port(redisPort)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("maxmemory 512mb")
                    .setting("maxmemory-policy allkeys-lru")
                    .buildCommandArgs();
            redis = new EmbeddedRedisServer(redisPort, args);
            redis.start();
            log.info("Embedded Redis on port {}", redisPort);
            return redisPort;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded Redis", e);
        }
    }

    /** Stops the embedded Redis; {@link #restartRedis()} brings it back on the same port. Used by fault tests. */
    public static synchronized void stopRedis() {
        if (redis != null && redis.isActive()) {
            try {
                redis.shutDown();
                // Standard output, not the log: when this runs from Boot's shutdown handlers, logging has been shut
                // down already.
                System.out.println("Embedded Redis on port " + redisPort + " stopped");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static synchronized void restartRedis() {
        if (redis != null && !redis.isActive()) {
            try {
                redis.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
