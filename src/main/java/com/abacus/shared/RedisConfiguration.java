package com.abacus.shared;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;

/**
 * Pooled Redis connections are checked (PING) when taken from the pool. After Redis restarts every pooled connection
 * is dead; unchecked, each would fail one real command — a lost cache write or invalidation — before the pool
 * replaced it. Warm entitlement reads never reach Redis, so the extra round trip is paid on misses and writes only.
 * Everything else about the pool stays as Spring Boot configured it from {@code spring.data.redis.jedis.pool.*}.
 */
@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

    @Bean
    static BeanPostProcessor checkedRedisConnections() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof JedisConnectionFactory factory && factory.getPoolConfig() != null) {
                    factory.getPoolConfig().setTestOnBorrow(true);
                }
                return bean;
            }
        };
    }
}
