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
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                AbacusApplication.class.getName(),
                "--spring.profiles.active=test",
                "--server.port=0",
                "--spring.jmx.enabled=false",
                "--spring.datasource.hikari.data-source-properties.ApplicationName=" + APPLICATION_NAME,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password="));
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
