package com.abacus.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.abacus.IntegrationTest;
import com.abacus.TestCustomers;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests the servlet container refuses before any controller sees them (bad bytes in the path, a request line over
 * 8 KB, a NUL in a header) still answer problem+json on the API paths, never the container's HTML page.
 */
@IntegrationTest
class ContainerErrorsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestCustomers customers;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/orders/%00",
                "/api/v1/orders/%2e%2e%2f%2e%2e%2fadmin",
                "/api/v1/orders/..%2f..%2fadmin",
                "/api/v1/orders/a%2fb",
                "/api/v1/orders/%ZZ",
                "/api/v1/orders/a;jsessionid=1",
                "/api/v1/orders/%c0%ae%c0%ae",
                "/internal/v1/accounts/%00/entitlements",
                "/internal/v1/accounts/..%2f..%2fapi/entitlements",
                "/webhooks/stripe/%00",
                "/api/v1/orders//x",
                "/api/v1/orders/x%5cy"
            })
    void badBytesInThePathAnswerAProblem(String path) throws Exception {
        String response = exchange("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + apiKey()
                + "\r\nConnection: close\r\n\r\n");
        assertProblem(response, 400, 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/quote", "/internal/v1/entitlements", "/"})
    void aRequestLineOverEightKilobytesAnswersAProblem(String path) throws Exception {
        String response = exchange("GET " + path + "?plan=" + "x".repeat(9000)
                + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertProblem(response, 400, 414);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/subscriptions", "/internal/v1/entitlements"})
    void aHeaderWithANulAnswersAProblem(String path) throws Exception {
        String response = exchange(
                "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nX-Trace: a\u0000b\r\nConnection: close\r\n\r\n");
        assertProblem(response, 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/subscriptions", "/internal/v1/entitlements"})
    void headersOverTheLimitAnswerAProblem(String path) throws Exception {
        String response = exchange("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "y".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
        assertProblem(response, 400, 431);
    }

    private String apiKey() {
        return customers.create().apiKey();
    }

    private static void assertProblem(String response, Integer... statuses) {
        String head = response.substring(0, Math.max(0, response.indexOf("\r\n\r\n")));
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        int status = Integer.parseInt(head.substring(9, 12));
        assertThat(status).as(response).isIn((Object[]) statuses);
        assertThat(head.toLowerCase()).as(response).contains("content-type: application/problem+json");
        assertThat(body).as(response).doesNotContain("<html").contains("\"status\":" + status);
    }

    private String exchange(String request) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            in.transferTo(received);
            return received.toString(StandardCharsets.UTF_8);
        }
    }
}
