package com.abacus.entitlements.internal;

import com.abacus.catalog.Catalog;
import com.abacus.entitlements.internal.cache.EntitlementCache;
import com.abacus.entitlements.internal.cache.RedisSnapshotStore;
import com.abacus.shared.AccountId;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.backoff.FixedBackOff;

@Configuration(proxyBeanMethods = false)
class EntitlementsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EntitlementsConfiguration.class);

    @Bean
    EntitlementCalculator entitlementCalculator(Catalog catalog, EntitlementSettings settings) {
        return new EntitlementCalculator(catalog, settings.pastDueGrace());
    }

    @Bean
    RedisSnapshotStore redisSnapshotStore(StringRedisTemplate redis, EntitlementSettings settings) {
        return new RedisSnapshotStore(redis, settings.redisTtl(), settings.redisRetryAfter());
    }

    @Bean
    EntitlementCache entitlementCache(RedisSnapshotStore redis, EntitlementRepository repository, EntitlementSettings settings) {
        return new EntitlementCache(redis, repository, settings.nearCacheSize(), settings.revalidateAfter());
    }

    /** Every instance listens for changes committed elsewhere; the container reconnects by itself after Redis restarts. */
    @Bean
    RedisMessageListenerContainer entitlementInvalidations(RedisConnectionFactory connections, EntitlementCache cache) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.setRecoveryBackoff(new FixedBackOff(1000L, FixedBackOff.UNLIMITED_ATTEMPTS));
        container.addMessageListener((message, pattern) -> {
            String body = new String(message.getBody(), StandardCharsets.UTF_8);
            int colon = body.lastIndexOf(':');
            try {
                cache.changed(AccountId.of(body.substring(0, colon)), Long.parseLong(body.substring(colon + 1)));
            } catch (RuntimeException e) {
                log.warn("Ignoring malformed entitlement invalidation '{}'", body);
            }
        }, new ChannelTopic(RedisSnapshotStore.CHANNEL));
        return container;
    }

}
