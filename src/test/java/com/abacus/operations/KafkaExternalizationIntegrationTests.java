package com.abacus.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.abacus.ApiClient;
import com.abacus.IntegrationTest;
import com.abacus.SecondInstance;
import com.abacus.TestCustomers;
import com.abacus.TestCustomers.Customer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code ABACUS_KAFKA_ENABLED=true} an instance sends its {@code @Externalized} module events to Kafka, after the
 * transaction commits, through the event publication registry. A real (embedded, KRaft) broker receives a checkout's
 * events keyed by account.
 */
@IntegrationTest
class KafkaExternalizationIntegrationTests {

    private static final List<String> TOPICS =
            List.of("abacus.subscriptions", "abacus.payments", "abacus.invoices", "abacus.entitlements");

    @Autowired
    TestCustomers customers;

    @Test
    void aCheckoutsEventsReachKafkaKeyedByAccount() throws Exception {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, TOPICS.toArray(String[]::new));
        broker.afterPropertiesSet();
        try (SecondInstance instance = SecondInstance.start(Map.of(
                        "spring.modulith.events.externalization.enabled",
                        true,
                        "spring.kafka.bootstrap-servers",
                        broker.getBrokersAsString()));
                KafkaConsumer<String, String> consumer = consumer(broker.getBrokersAsString())) {
            consumer.subscribe(TOPICS);
            Customer customer = customers.create();
            var order = new ApiClient(instance.port())
                    .post(
                            "/api/v1/orders",
                            customer.apiKey(),
                            UUID.randomUUID().toString(),
                            TestCustomers.order("edge-starter-monthly", "USD", TestCustomers.CARD_OK));
            assertThat(order.status()).isEqualTo(201);

            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline
                    && received.stream().map(ConsumerRecord::topic).distinct().count() < TOPICS.size()) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (customer.id().equals(r.key())) {
                        received.add(r);
                    }
                });
            }
            assertThat(received).extracting(ConsumerRecord::topic).containsAll(TOPICS);
            JsonNode activated = JsonMapper.builder()
                    .build()
                    .readTree(received.stream()
                            .filter(r -> r.topic().equals("abacus.subscriptions"))
                            .findFirst()
                            .orElseThrow()
                            .value());
            assertThat(activated.path("subscriptionId").asString())
                    .isEqualTo(order.json().path("subscriptionId").asString());
            assertThat(activated.path("accountId").asString()).isEqualTo(customer.id());
            assertThat(activated.path("planCode").asString()).isEqualTo("edge-starter-monthly");
        } finally {
            broker.destroy();
        }
    }

    private static KafkaConsumer<String, String> consumer(String brokers) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "abacus-test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return new KafkaConsumer<>(properties);
    }
}
