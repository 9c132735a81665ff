package com.abacus;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP calls against the running test application, the way an API client would make them. */
public class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public ApiClient(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    public record Response(int status, String body, java.net.http.HttpHeaders headers) {

        public JsonNode json() {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    public Response get(String path, String token, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), token, headers);
    }

    public byte[] bytes(String path, String token) {
        try {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().timeout(Duration.ofSeconds(30));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response post(String path, String token, String idempotencyKey, String body, String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        if (idempotencyKey != null) {
            all.add("Idempotency-Key");
            all.add(idempotencyKey);
        }
        return send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body))
                        .header("Content-Type", "application/json"),
                token,
                all.toArray(String[]::new));
    }

    public Response patch(String path, String token, String body) {
        return send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "application/json"),
                token,
                "Idempotency-Key",
                java.util.UUID.randomUUID().toString());
    }

    public Response delete(String path, String token, String idempotencyKey) {
        return send(
                HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE(), token, "Idempotency-Key", idempotencyKey);
    }

    private Response send(HttpRequest.Builder request, String token, String... headers) {
        request.timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
