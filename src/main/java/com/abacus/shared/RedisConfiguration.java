package com.abacus.shared;

import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.JedisClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.ConnectionPoolConfig;

/**
 * Pooled Redis connections are checked (PING) when taken from the pool. After Redis restarts every pooled connection
 * is dead; unchecked, each would fail one real command — a lost cache write or invalidation — before the pool
 * replaced it. Warm entitlement reads never reach Redis, so the extra round trip is paid on misses and writes only.
 */
@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

    @Bean
    JedisClientConfigurationBuilderCustomizer checkedRedisConnections(DataRedisProperties properties) {
        DataRedisProperties.Pool pool = properties.getJedis().getPool();
        return builder -> {
            ConnectionPoolConfig config = new ConnectionPoolConfig();
            config.setMaxTotal(pool.getMaxActive());
            config.setMaxIdle(pool.getMaxIdle());
            config.setMinIdle(pool.getMinIdle());
            if (pool.getMaxWait() != null) {
                config.setMaxWait(pool.getMaxWait());
            }
            if (pool.getTimeBetweenEvictionRuns() != null) {
                config.setTimeBetweenEvictionRuns(pool.getTimeBetweenEvictionRuns());
            }
            config.setTestOnBorrow(true);
            builder.usePooling().poolConfig(config);
        };
    }
}
