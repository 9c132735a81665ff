package com.abacus;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Another application instance in its own JVM process, on the embedded PostgreSQL and Redis of the tests, so a test can
 * kill it as an orchestrator or the kernel would ({@code SIGKILL}: no shutdown hook, no finally block, no rollback
 * but the database's own). It runs on real time (no test clock); its output goes to {@code target/forked-<name>.log}.
 */
public final class ForkedInstance implements AutoCloseable {

    /** The database connections of a forked instance carry this application name, so a test can find them. */
    public static final String APPLICATION_NAME = "abacus-forked";

    private final Process process;
    private final Path log;

    private ForkedInstance(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static ForkedInstance start(String name, Map<String, Object> properties) {
        List<String> command = command(
                "--spring.datasource.hikari.data-source-properties.ApplicationName=" + APPLICATION_NAME,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=");
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        Path log = Path.of("target", "forked-" + name + ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // The tests' own servers, not new embedded ones: EmbeddedInfrastructure steps aside when these are set.
        builder.environment()
                .put(
                        "ABACUS_DB_URL",
                        "jdbc:postgresql://localhost:" + EmbeddedInfrastructure.postgresPort() + "/abacus");
        builder.environment().put("ABACUS_DB_USER", "postgres");
        builder.environment().put("ABACUS_REDIS_URL", "redis://localhost:" + EmbeddedInfrastructure.redisPort());
        try {
            return new ForkedInstance(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An instance with its own embedded PostgreSQL and Redis (as {@code ./mvnw spring-boot:run} starts them), in its
     * own JVM, for tests of how the development server starts and stops.
     */
    public static ForkedInstance startStandalone(String name, Path dataDir) {
        List<String> command = command(
                "--abacus.embedded.enabled=true",
                "--abacus.embedded.data-dir=" + dataDir,
                "--abacus.embedded.postgres-port=0",
                "--abacus.embedded.redis-port=0");
        Path log = Path.of("target", "forked-" + name + ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("ABACUS_DB_URL");
        builder.environment().remove("ABACUS_REDIS_URL");
        try {
            return new ForkedInstance(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, as an orchestrator or Ctrl-C stops it, and waits for the process to end by itself. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            throw new IllegalStateException("forked instance did not stop within 90 s");
        }
        return process.exitValue();
    }

    /** This JVM's java and classpath, the application on a free port with the test profile, then {@code arguments}. */
    private static List<String> command(String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                AbacusApplication.class.getName(),
                "--spring.profiles.active=test",
                "--server.port=0",
                "--spring.jmx.enabled=false"));
        command.addAll(List.of(arguments));
        return command;
    }

    /** The port the instance listens on (it starts on a free one), once it has started. */
    public int port(java.time.Duration within) throws InterruptedException {
        var started = java.util.regex.Pattern.compile("Tomcat started on port (\\d+)");
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            var matcher = started.matcher(log());
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
            if (!alive()) {
                throw new IllegalStateException("forked instance died while starting:\n" + log());
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("forked instance did not start within " + within + ":\n" + log());
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL, and waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("forked instance did not die");
        }
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public File logFile() {
        return log.toFile();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
