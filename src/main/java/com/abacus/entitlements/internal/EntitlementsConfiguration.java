package com.abacus.entitlements.internal;

import com.abacus.catalog.Catalog;
import com.abacus.entitlements.internal.cache.ChangeSignal;
import com.abacus.entitlements.internal.cache.EntitlementCache;
import com.abacus.entitlements.internal.cache.RedisSnapshotStore;
import com.abacus.shared.AccountId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.SubscriptionListener;
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
    ChangeSignal entitlementChangeSignal() {
        return new ChangeSignal();
    }

    @Bean
    EntitlementCache entitlementCache(
            RedisSnapshotStore redis,
            EntitlementRepository repository,
            EntitlementSettings settings,
            ChangeSignal changes) {
        return new EntitlementCache(redis, repository, settings.nearCacheSize(), settings.revalidateAfter(), changes);
    }

    /**
     * Every instance listens for changes committed elsewhere; the container reconnects by itself after Redis restarts
     * (retrying every 500 ms, so a returning Redis is noticed within half a second). Whatever was announced while this instance was
     * not subscribed is caught up from PostgreSQL when the subscription is back.
     */
    @Bean
    RedisMessageListenerContainer entitlementInvalidations(
            RedisConnectionFactory connections, EntitlementCache cache, EntitlementSettings settings) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.setRecoveryBackoff(new FixedBackOff(500L, FixedBackOff.UNLIMITED_ATTEMPTS));
        container.addMessageListener(new Invalidations(cache, settings), new ChannelTopic(RedisSnapshotStore.CHANNEL));
        return container;
    }

    /** Change announcements from the other instances, and the catch-up after each re-subscription. */
    static final class Invalidations implements MessageListener, SubscriptionListener {

        private final EntitlementCache cache;
        private final EntitlementSettings settings;
        /** When this instance was last known to be subscribed; null before the first subscription. */
        private volatile Instant subscribedAt;

        Invalidations(EntitlementCache cache, EntitlementSettings settings) {
            this.cache = cache;
            this.settings = settings;
        }

        @Override
        public void onMessage(Message message, byte[] pattern) {
            String body = new String(message.getBody(), StandardCharsets.UTF_8);
            int colon = body.lastIndexOf(':');
            try {
                cache.changed(AccountId.of(body.substring(0, colon)), Long.parseLong(body.substring(colon + 1)));
            } catch (RuntimeException e) {
                log.warn("Ignoring malformed entitlement invalidation '{}'", body);
            }
        }

        @Override
        public void onChannelSubscribed(byte[] channel, long count) {
            Instant previous = subscribedAt;
            Instant now = Instant.now();
            subscribedAt = now;
            if (previous == null) {
                return; // the first subscription: nothing is cached yet that could have missed a message
            }
            // The subscription was lost at some point since the previous one; every change since then may have gone
            // unannounced here. Look back that far (and an overlap for transactions that committed late), at most
            // as far as a copy may live in Redis.
            Duration window = Duration.between(previous, now).plus(settings.redisSyncOverlap());
            try {
                int caught = cache.catchUp(window.compareTo(settings.redisTtl()) > 0 ? settings.redisTtl() : window);
                if (caught > 0) {
                    log.info("Entitlement changes missed while unsubscribed from Redis: {} caught up", caught);
                }
            } catch (RuntimeException e) {
                log.warn("Could not catch up entitlement changes after Redis returned: {}", e.toString());
            }
        }
    }
}
