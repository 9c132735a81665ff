package com.abacus.testclocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.abacus.ApiClient;
import com.abacus.TestCustomers;
import java.time.Duration;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** What a script does with test clocks through the API: clocks, accounts on them, advances waited for. */
final class TestClockDriver {

    private final ApiClient api;

    TestClockDriver(ApiClient api) {
        this.api = api;
    }

    String clock(String name, String frozenTime) {
        return post("/api/v1/test-clocks", TestCustomers.SERVICE_TOKEN, """
                        {"name":"%s","frozenTime":"%s"}""".formatted(name, frozenTime))
                .path("id")
                .asString();
    }

    /** An account on the clock; answers its customer API key. */
    String account(String clock, String zone, String currency) {
        return post("/api/v1/accounts", TestCustomers.SERVICE_TOKEN, """
                        {"email":"clock-%s@example.com","name":"Clock customer","currency":"%s","timeZone":"%s",
                         "testClockId":"%s","apiKey":true}""".formatted(
                                UUID.randomUUID(), currency, zone, clock))
                .path("apiKey")
                .asString();
    }

    void buy(String key, String plan, String currency) {
        post("/api/v1/orders", key, """
                {"plan":"%s","currency":"%s","paymentMethod":%s}""".formatted(plan, currency, TestCustomers.CARD_OK));
    }

    /** Advances the clock and waits until it is ready again; answers the clock. */
    JsonNode advance(String clock, Object to) {
        post("/api/v1/test-clocks/" + clock + "/advance", TestCustomers.SERVICE_TOKEN, "{\"to\":\"" + to + "\"}");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode current = api.get("/api/v1/test-clocks/" + clock, TestCustomers.SERVICE_TOKEN)
                    .json();
            if (current.path("status").asString().equals("ready")) {
                return current;
            }
            pause();
        }
        throw new AssertionError("clock " + clock + " did not reach " + to);
    }

    JsonNode post(String path, String token, String body) {
        var response = api.post(path, token, UUID.randomUUID().toString(), body);
        assertThat(response.status()).as("POST %s: %s", path, response.body()).isBetween(200, 202);
        return response.json();
    }

    static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
