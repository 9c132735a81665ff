package com.abacus.shared.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Remembers the first response per (principal, Idempotency-Key) in PostgreSQL, shared by all instances. */
public class IdempotencyStore {

    public enum Outcome {
        CLAIMED,
        IN_PROGRESS,
        COMPLETED,
        MISMATCH
    }

    public record StoredResponse(int status, String contentType, byte[] body, String location) {}

    public record Claim(Outcome outcome, StoredResponse response) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration abandonedAfter;

    public IdempotencyStore(JdbcClient jdbc, Clock clock, Duration abandonedAfter) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.abandonedAfter = abandonedAfter;
    }

    public Claim claim(String principal, String key, String method, String path, String fingerprint) {
        int inserted = jdbc.sql("""
                        insert into idempotent_request (principal, idempotency_key, method, path, fingerprint, state, created_at)
                        values (:principal, :key, :method, :path, :fingerprint, 'IN_PROGRESS', :now)
                        on conflict do nothing
                        """)
                .param("principal", principal)
                .param("key", key)
                .param("method", method)
                .param("path", path)
                .param("fingerprint", fingerprint)
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .update();
        if (inserted == 1) {
            return new Claim(Outcome.CLAIMED, null);
        }
        Optional<Row> row = find(principal, key);
        if (row.isEmpty()) {
            // Released between our insert and read (the first request failed with a 5xx): try once more.
            return claim(principal, key, method, path, fingerprint);
        }
        Row existing = row.get();
        if (!existing.fingerprint().equals(fingerprint)) {
            return new Claim(Outcome.MISMATCH, null);
        }
        if (existing.response() != null) {
            return new Claim(Outcome.COMPLETED, existing.response());
        }
        if (existing.createdAt().plus(abandonedAfter).isBefore(clock.instant())
                && takeOver(principal, key, existing.createdAt())) {
            // The instance that claimed the key died mid-request; the modules' own keys keep the retry from charging
            // twice.
            return new Claim(Outcome.CLAIMED, null);
        }
        return new Claim(Outcome.IN_PROGRESS, null);
    }

    public Optional<StoredResponse> awaitCompletion(String principal, String key, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Row> row = find(principal, key);
            if (row.isPresent() && row.get().response() != null) {
                return Optional.of(row.get().response());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    public void complete(String principal, String key, int status, String contentType, byte[] body, String location) {
        jdbc.sql("""
                        update idempotent_request set state = 'COMPLETED', response_status = :status,
                               response_content_type = :contentType, response_body = :body, response_location = :location,
                               completed_at = :now
                        where principal = :principal and idempotency_key = :key
                        """)
                .param("status", status)
                .param("contentType", contentType)
                .param("body", body)
                .param("location", location)
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .param("principal", principal)
                .param("key", key)
                .update();
    }

    public void release(String principal, String key) {
        jdbc.sql(
                        "delete from idempotent_request where principal = :principal and idempotency_key = :key and state = 'IN_PROGRESS'")
                .param("principal", principal)
                .param("key", key)
                .update();
    }

    /** Keys are kept for a day, like the processors we talk to; after that a key may be reused. */
    public int purgeOlderThan(Instant cutoff) {
        return jdbc.sql("delete from idempotent_request where created_at < :cutoff")
                .param("cutoff", java.sql.Timestamp.from(cutoff))
                .update();
    }

    private boolean takeOver(String principal, String key, Instant claimedAt) {
        return jdbc.sql("""
                        update idempotent_request set created_at = :now
                        where principal = :principal and idempotency_key = :key and state = 'IN_PROGRESS' and created_at = :claimedAt
                        """)
                        .param("now", java.sql.Timestamp.from(clock.instant()))
                        .param("principal", principal)
                        .param("key", key)
                        .param("claimedAt", java.sql.Timestamp.from(claimedAt))
                        .update()
                == 1;
    }

    private Optional<Row> find(String principal, String key) {
        return jdbc.sql("""
                        select fingerprint, created_at, response_status, response_content_type, response_body, response_location
                        from idempotent_request where principal = :principal and idempotency_key = :key
                        """)
                .param("principal", principal)
                .param("key", key)
                .query((rs, n) -> new Row(
                        rs.getString("fingerprint"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getObject("response_status") == null
                                ? null
                                : new StoredResponse(
                                        rs.getInt("response_status"),
                                        rs.getString("response_content_type"),
                                        rs.getBytes("response_body"),
                                        rs.getString("response_location"))))
                .optional();
    }

    private record Row(String fingerprint, Instant createdAt, StoredResponse response) {}
}
