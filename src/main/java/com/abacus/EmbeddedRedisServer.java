package com.abacus;

import java.io.IOException;
import java.util.List;
import redis.embedded.Redis;
import redis.embedded.RedisInstance;

/**
 * The development and test Redis server, stopped only by {@link EmbeddedInfrastructure}. embedded-redis stops its
 * servers from a JVM shutdown hook of its own ("RedisInstanceCleaner") that runs beside Spring Boot's: on SIGTERM it
 * took Redis away from the still-subscribed entitlement listener while the application was closing, and the closing
 * log filled with connection errors. Here the library's {@link #stop()} does nothing and {@link #shutDown()} is called
 * once the application has closed (the same order as the embedded PostgreSQL's).
 */
final class EmbeddedRedisServer extends RedisInstance {

    EmbeddedRedisServer(int port, List<String> args) {
        super(port, args, Redis.SERVER_READY_PATTERN, false, null, null);
    }

    /** Called by embedded-redis's own shutdown hook; ignored, see the class comment. */
    @Override
    public void stop() {}

    void shutDown() throws IOException {
        super.stop();
    }
}
