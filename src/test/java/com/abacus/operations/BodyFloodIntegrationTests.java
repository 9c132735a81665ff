package com.abacus.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.abacus.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Public endpoints cap what they read: four concurrent 200 MB bodies, declared or chunked, to the webhook endpoints
 * (and the API and a page) are refused with 413 problem+json after at most the cap is read, and the instance keeps
 * answering its health check meanwhile.
 */
@IntegrationTest
class BodyFloodIntegrationTests {

    static final long FLOOD = 200L * 1024 * 1024;

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    com.abacus.TestCustomers customers;

    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ParameterizedTest
    @ValueSource(strings = {"/webhooks/stripe", "/webhooks/legacy", "/api/v1/orders", "/signup"})
    void fourConcurrentHugeBodiesAreRefusedUnreadAndTheInstanceStaysHealthy(String path) throws Exception {
        String apiKey = customers.create().apiKey();
        List<AtomicLong> sent = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> floods = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            AtomicLong counter = new AtomicLong();
            sent.add(counter);
            boolean declared = i % 2 == 0;
            HttpRequest.BodyPublisher body = declared
                    ? HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> new Zeros(FLOOD, counter)), FLOOD)
                    : HttpRequest.BodyPublishers.ofInputStream(() -> new Zeros(FLOOD, counter));
            floods.add(http.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .header(
                                    "Content-Type",
                                    path.equals("/signup") ? "application/x-www-form-urlencoded" : "application/json")
                            .header("Stripe-Signature", "t=1,v1=00")
                            .header("Authorization", "Bearer " + apiKey)
                            .header(
                                    "Idempotency-Key",
                                    java.util.UUID.randomUUID().toString())
                            .timeout(Duration.ofSeconds(60))
                            .POST(body)
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        // While the flood is on, the instance answers.
        HttpResponse<String> health = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        for (int i = 0; i < floods.size(); i++) {
            try {
                HttpResponse<String> answer = floods.get(i).get();
                // Pages need a declared length (411); everything else is cut off at its cap (413).
                assertThat(answer.statusCode())
                        .as(answer.body())
                        .isIn(413, path.equals("/signup") && i % 2 == 1 ? 411 : 413);
                assertThat(answer.headers().firstValue("Content-Type"))
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            } catch (java.util.concurrent.ExecutionException e) {
                // The server answered and closed the connection while the client was still sending: also a refusal.
                assertThat(e.getCause()).isInstanceOf(IOException.class);
            }
            assertThat(sent.get(i).get())
                    .as("bytes the client got to send before the server closed")
                    .isLessThan(FLOOD);
        }
        assertThat(http.send(
                                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
    }

    /** A stream of zeros of a given length, generated as it is read (nothing held in memory). */
    static final class Zeros extends InputStream {

        private long left;
        private final AtomicLong sent;

        Zeros(long length, AtomicLong sent) {
            this.left = length;
            this.sent = sent;
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            sent.incrementAndGet();
            return '0';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            java.util.Arrays.fill(buffer, offset, offset + n, (byte) '0');
            left -= n;
            sent.addAndGet(n);
            return n;
        }
    }
}
