package com.abacus.entitlements.internal.cache;

import com.abacus.entitlements.EntitlementSnapshot;
import com.abacus.shared.AccountId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;

/**
 * The shared cache. Each account's snapshot is a hash {v: version, d: snapshot}; writes go through a Lua
 * compare-and-set so a slow fill carrying an old version can never overwrite a newer one. When Redis fails, reads
 * skip it for a short while instead of waiting on every request.
 */
public class RedisSnapshotStore {

    public static final String CHANNEL = "abacus:entitlements:changed";
    private static final Logger log = LoggerFactory.getLogger(RedisSnapshotStore.class);
    private static final DefaultRedisScript<Long> PUT_IF_NEWER = new DefaultRedisScript<>("""
            local current = redis.call('HGET', KEYS[1], 'v')
            if current and tonumber(current) >= tonumber(ARGV[1]) then
              redis.call('PEXPIRE', KEYS[1], ARGV[3])
              return 0
            end
            redis.call('HSET', KEYS[1], 'v', ARGV[1], 'd', ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1
            """, Long.class);

    private static final byte[] VERSION = bytes("v");
    private static final byte[] DATA = bytes("d");

    private final StringRedisTemplate redis;
    private final Duration ttl;
    private final long retryAfterNanos;
    private volatile long downUntil;

    public RedisSnapshotStore(StringRedisTemplate redis, Duration ttl, Duration retryAfter) {
        this.redis = redis;
        this.ttl = ttl;
        this.retryAfterNanos = retryAfter.toNanos();
    }

    public boolean available() {
        return System.nanoTime() - downUntil >= 0;
    }

    public Optional<EntitlementSnapshot> get(AccountId account) {
        return attempt(() -> {
                    List<Object> values = redis.opsForHash().multiGet(key(account), List.of("v", "d"));
                    Object data = values.get(1);
                    return data == null
                            ? Optional.<EntitlementSnapshot>empty()
                            : Optional.of(SnapshotJson.decode((String) data));
                })
                .flatMap(found -> found);
    }

    /** Each account's snapshot (null where Redis holds none), in one pipelined round trip; empty if Redis failed. */
    public Optional<List<EntitlementSnapshot>> getAll(List<AccountId> accounts) {
        return attempt(() -> {
            List<Object> values = redis.executePipelined((RedisCallback<Object>) connection -> {
                for (AccountId account : accounts) {
                    connection.hashCommands().hGet(bytes(key(account)), DATA);
                }
                return null;
            });
            List<EntitlementSnapshot> snapshots = new ArrayList<>(values.size());
            for (Object value : values) {
                snapshots.add(value == null ? null : SnapshotJson.decode((String) value));
            }
            return snapshots;
        });
    }

    /** {@link #putIfNewer} for many snapshots in one pipelined round trip. */
    public void putAllIfNewer(Collection<EntitlementSnapshot> snapshots) {
        if (snapshots.isEmpty()) {
            return;
        }
        byte[] script = bytes(PUT_IF_NEWER.getScriptAsString());
        byte[] ttlMillis = bytes(Long.toString(ttl.toMillis()));
        attempt(() -> redis.executePipelined((RedisCallback<Object>) connection -> {
            for (EntitlementSnapshot snapshot : snapshots) {
                connection
                        .scriptingCommands()
                        .eval(
                                script,
                                ReturnType.INTEGER,
                                1,
                                bytes(key(snapshot.accountId())),
                                bytes(Long.toString(snapshot.version())),
                                bytes(SnapshotJson.encode(snapshot)),
                                ttlMillis);
            }
            return null;
        }));
    }

    /** @return true if Redis now holds this version (or a newer one was already there: false) */
    public boolean putIfNewer(EntitlementSnapshot snapshot) {
        return attempt(() -> redis.execute(
                        PUT_IF_NEWER,
                        List.of(key(snapshot.accountId())),
                        Long.toString(snapshot.version()),
                        SnapshotJson.encode(snapshot),
                        Long.toString(ttl.toMillis())))
                .map(stored -> stored == 1)
                .orElse(false);
    }

    public void publishChange(AccountId account, long version) {
        attempt(() -> redis.convertAndSend(CHANNEL, account + ":" + version));
    }

    /** The versions Redis holds of these snapshots (null where it holds none), in one pipelined round trip. */
    public Optional<List<Long>> versions(List<AccountId> accounts) {
        return attempt(() -> {
            List<Object> values = redis.executePipelined((RedisCallback<Object>) connection -> {
                for (AccountId account : accounts) {
                    connection.hashCommands().hGet(bytes(key(account)), VERSION);
                }
                return null;
            });
            return values.stream()
                    .map(v -> v == null ? null : Long.valueOf(v.toString()))
                    .toList();
        });
    }

    /** Changes whenever the Redis server restarts. */
    public Optional<String> runId() {
        return attempt(() -> {
            java.util.Properties info = redis.execute((RedisCallback<java.util.Properties>)
                    connection -> connection.serverCommands().info("server"));
            return info == null ? null : info.getProperty("run_id");
        });
    }

    /**
     * Runs a command unless Redis is being skipped after a failure, and once more on a connection failure: a
     * connection can still die between the pool's check and the command (Redis restarting at that moment), and one
     * such failure must not make the whole store look down. Empty if it failed twice (the store is then skipped for
     * {@code retryAfter}), was skipped, or the command returned null.
     */
    private <T> Optional<T> attempt(Supplier<T> command) {
        if (!available()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(command.get());
        } catch (RedisConnectionFailureException first) {
            try {
                return Optional.ofNullable(command.get());
            } catch (RuntimeException e) {
                down(e);
                return Optional.empty();
            }
        } catch (RuntimeException e) {
            down(e);
            return Optional.empty();
        }
    }

    private void down(RuntimeException e) {
        if (available()) {
            log.warn(
                    "Redis unavailable for entitlements ({}); serving from the near cache and PostgreSQL",
                    e.getMessage());
        }
        downUntil = System.nanoTime() + retryAfterNanos;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    static String key(AccountId account) {
        return "abacus:ent:" + account;
    }
}
