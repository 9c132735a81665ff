package com.abacus.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.abacus.IntegrationTest;
import com.abacus.TestCustomers;
import com.abacus.TestCustomers.Customer;
import com.abacus.accounts.StaffDirectory;
import com.abacus.accounts.StaffRole;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzz-style tests of every public write endpoint. Each sends a valid request bent out of shape (wrong types, huge
 * values, negative and over-precise money, unknown currencies, broken JSON, oversized bodies, missing keys) and expects
 * a 4xx {@code application/problem+json} every time, with not one row written anywhere. The valid request is sent last
 * and must succeed and write, so the check for "nothing written" can see a write.
 */
@IntegrationTest
class BadInputIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Written by any request by design (the idempotency record of a 4xx) or by background bookkeeping. */
    private static final Set<String> NOT_BUSINESS_DATA =
            Set.of("idempotent_request", "event_publication", "shedlock", "processor_attempt");
    /** Values no field of any request accepts. */
    private static final List<String> NEVER_VALID =
            List.of("[]", "1e400", "-99999999999999999999", "\"\\u0000\"", "\"" + "x".repeat(100_000) + "\"");

    /**
     * The generated corpus: {@link #GENERATED_PER_ENDPOINT} random bad variants of each write endpoint's valid request,
     * from this seed (set {@code -Dabacus.fuzz.seed=...} to replay another run; a failure names its seed and case).
     */
    private static final long SEED = Long.getLong("abacus.fuzz.seed", 20261201L);

    private static final int GENERATED_PER_ENDPOINT = 500;

    @LocalServerPort
    int port;

    @Autowired
    TestCustomers customers;

    @Autowired
    StaffDirectory staff;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    com.abacus.catalog.Catalog catalog;

    @Autowired
    MockMvc mvc;

    private final HttpClient http = HttpClient.newHttpClient();
    private Customer customer;
    private String staffBasic;

    @BeforeEach
    void setUp() {
        customer = customers.create();
        String username = "fuzz-" + UUID.randomUUID();
        staff.createStaffUser(username, "Fuzz", "fuzz-password-1", Set.of(StaffRole.ADMIN, StaffRole.FINANCE));
        staffBasic = "Basic "
                + Base64.getEncoder().encodeToString((username + ":fuzz-password-1").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void placingAnOrder() {
        String valid = TestCustomers.order("stream-basic-monthly", "USD", TestCustomers.CARD_OK);
        Fuzz fuzz = new Fuzz("POST", "/api/v1/orders", bearer(customer.apiKey()), valid);
        fuzz.everyFieldWith(NEVER_VALID, "{}");
        fuzz.without("plan", "currency", "paymentMethod");
        fuzz.field("currency", "\"usd\"", "\"XXX\"", "\"ZZZ\"", "\"US\"", "\"EURO\"", "\"CHF\"", "null");
        fuzz.field("plan", "\"no-such-plan\"", "\"\"", "null", "\"" + "p".repeat(65) + "\"");
        fuzz.field(
                "addOns",
                "{\"no-such-add-on\":1}",
                "{\"edge-extra-load-balancer\":0}",
                "{\"edge-extra-load-balancer\":-1}",
                "{\"edge-extra-load-balancer\":101}",
                "{\"edge-extra-load-balancer\":1.5}",
                "{\"edge-extra-load-balancer\":\"many\"}",
                "[1]");
        fuzz.field("paymentMethod/card/number", "\"4242\"", "\"4242-4242-4242-424x\"", "\"" + "4".repeat(40) + "\"");
        fuzz.field("paymentMethod/card/expMonth", "0", "13", "\"twelve\"", "12.5");
        fuzz.field("paymentMethod/card/expYear", "1999", "2101", "2020");
        fuzz.field("paymentMethod/card/cvc", "\"12\"", "\"12345\"", "\"abc\"");
        fuzz.field("paymentMethod", "{\"id\":\"" + UUID.randomUUID() + "\"}", "{\"id\":\"not-a-uuid\"}", "{}");
        fuzz.field("trial", "\"maybe\"", "{}");
        fuzz.generated(SEED, GENERATED_PER_ENDPOINT);
        fuzz.malformedBodies();
        fuzz.assertAllRefusedAndNothingWritten();
        fuzz.assertValidRequestWrites(201);
    }

    @Test
    void changingAPlan() {
        String subscription = buySubscription();
        Fuzz fuzz = new Fuzz(
                "POST",
                "/api/v1/subscriptions/" + subscription + "/change",
                bearer(customer.apiKey()),
                "{\"plan\":\"stream-plus-monthly\",\"expectedAmount\":null}");
        fuzz.everyFieldWith(NEVER_VALID, "{}");
        fuzz.without("plan");
        fuzz.field("plan", "\"no-such-plan\"", "\"edge-pro-monthly\"", "\"stream-basic-monthly\"", "\"\"");
        fuzz.field(
                "expectedAmount",
                "\"-5.00\"",
                "\"1.234567\"",
                "\"abc\"",
                "\"1e5\"",
                "\"NaN\"",
                "\"Infinity\"",
                "\"0.001\"",
                "\"99999999999999999.99\"");
        fuzz.path(
                "/api/v1/subscriptions/" + UUID.randomUUID() + "/change",
                "/api/v1/subscriptions/not-a-uuid/change",
                "/api/v1/subscriptions/%20/change");
        fuzz.generated(SEED + 1, GENERATED_PER_ENDPOINT);
        fuzz.generatedPaths(SEED + 1, 100, "/api/v1/subscriptions/%s/change");
        fuzz.malformedBodies();
        fuzz.assertAllRefusedAndNothingWritten();
        fuzz.assertValidRequestWrites(200);
    }

    @Test
    void cancellingAndUndoing() {
        String subscription = buySubscription();
        Fuzz cancel =
                new Fuzz("POST", "/api/v1/subscriptions/" + subscription + "/cancel", bearer(customer.apiKey()), "");
        cancel.path(
                "/api/v1/subscriptions/" + UUID.randomUUID() + "/cancel", "/api/v1/subscriptions/not-a-uuid/cancel");
        cancel.generatedPaths(SEED + 2, 100, "/api/v1/subscriptions/%s/cancel");
        cancel.missingIdempotencyKey();
        cancel.assertAllRefusedAndNothingWritten();

        Fuzz undo = new Fuzz(
                "DELETE", "/api/v1/subscriptions/" + subscription + "/scheduled-change", bearer(customer.apiKey()), "");
        undo.path("/api/v1/subscriptions/" + UUID.randomUUID() + "/scheduled-change");
        // Nothing is scheduled yet: undoing is a conflict, not a success.
        undo.path("/api/v1/subscriptions/" + subscription + "/scheduled-change");
        undo.assertAllRefusedAndNothingWritten();

        cancel.assertValidRequestWrites(200);
        undo.assertValidRequestWrites(200);
    }

    @Test
    void addingACard() {
        Fuzz fuzz = new Fuzz(
                "POST",
                "/api/v1/payment-methods",
                bearer(customer.apiKey()),
                "{\"card\":{\"number\":\"4242424242424242\"," + "\"expMonth\":12,\"expYear\":2031,\"cvc\":\"123\"}}");
        fuzz.everyFieldWith(NEVER_VALID, "{}");
        fuzz.without("card", "card/number", "card/expMonth", "card/expYear");
        fuzz.field("card/number", "\"4242424242424241\"", "\"abcd abcd abcd abcd\"", "\"4242 4242 4243\"");
        fuzz.field("card/expMonth", "0", "13", "-1");
        fuzz.field("card/expYear", "2001", "99999");
        fuzz.generated(SEED + 3, GENERATED_PER_ENDPOINT);
        fuzz.malformedBodies();
        fuzz.assertAllRefusedAndNothingWritten();
        fuzz.assertValidRequestWrites(201);
    }

    @Test
    void reportingUsage() {
        buySubscription();
        String event = "{\"id\":\"e-1\",\"accountId\":\"" + customer.id()
                + "\",\"metric\":\"minutes_delivered\",\"quantity\":5," + "\"timestamp\":\"" + java.time.Instant.now()
                + "\"}";
        Fuzz fuzz =
                new Fuzz("POST", "/api/v1/usage", bearer(TestCustomers.SERVICE_TOKEN), "{\"events\":[" + event + "]}");
        // An event id is any text the sender chooses; a number is taken as its text.
        fuzz.freeText("events/0/id");
        fuzz.everyFieldWith(NEVER_VALID, "{}");
        fuzz.without(
                "events",
                "events/0/id",
                "events/0/accountId",
                "events/0/metric",
                "events/0/quantity",
                "events/0/timestamp");
        fuzz.field("events", "[]", "null", "{}");
        fuzz.field("events/0/quantity", "0", "-5", "1.5", "1000000000001", "9223372036854775808", "\"lots\"");
        fuzz.field("events/0/metric", "\"no_such_metric\"", "\"\"");
        fuzz.field(
                "events/0/timestamp",
                "\"yesterday\"",
                "\"2026-02-30T00:00:00Z\"",
                "\"2999-01-01T00:00:00Z\"",
                "1700000000");
        fuzz.field("events/0/accountId", "\"not-a-uuid\"");
        fuzz.field("events/0/id", "\"" + "i".repeat(300) + "\"", "\"\"");
        // One bad event spoils the batch: the good one next to it is not written either.
        fuzz.body(
                "good and bad events together",
                "{\"events\":[" + event + ","
                        + event.replace("\"quantity\":5", "\"quantity\":-5").replace("e-1", "e-2") + "]}");
        fuzz.body(
                "too many events",
                "{\"events\":[" + String.join(",", java.util.Collections.nCopies(10_001, event)) + "]}");
        fuzz.generated(SEED + 4, GENERATED_PER_ENDPOINT);
        fuzz.malformedBodies();
        fuzz.assertAllRefusedAndNothingWritten();
        fuzz.assertValidRequestWrites(200);

        // A well-formed event for an account that does not exist is not bad input but is not recorded either: the
        // batch answer names it among the rejected, as a service sending for many accounts needs.
        var unknown = send(
                "POST",
                "/api/v1/usage",
                bearer(TestCustomers.SERVICE_TOKEN),
                UUID.randomUUID().toString(),
                "application/json",
                "{\"events\":[" + event.replace(customer.id(), UUID.randomUUID().toString()) + "]}",
                Map.of());
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(unknown.body())
                        .path("rejected")
                        .get(0)
                        .path("reason")
                        .asString())
                .isEqualTo("unknown account");
    }

    @Test
    void proposingACatalogChange() {
        Fuzz fuzz = new Fuzz(
                "POST",
                "/api/v1/catalog/diff",
                staffBasic,
                "{\"files\":{\"stream.yaml\":"
                        + JSON.writeValueAsString(
                                currentCatalogFile("stream.yaml").replace("name: Stream", "name: Stream TV"))
                        + "}}");
        fuzz.everyFieldWith(NEVER_VALID, "{}");
        fuzz.field(
                "files",
                "{}",
                "{\"stream.yaml\":\"{{{\"}",
                "{\"stream.yaml\":\"products: 7\"}",
                "{\"stream.yaml\":null}",
                "{\"../../etc/passwd\":\"x\"}",
                "{\"stream.yaml\":"
                        + JSON.writeValueAsString(
                                currentCatalogFile("stream.yaml").replace("USD: \"5.00\"", "USD: \"-1.00\""))
                        + "}");
        fuzz.generated(SEED + 5, GENERATED_PER_ENDPOINT);
        fuzz.malformedBodies();
        fuzz.assertAllRefusedAndNothingWritten();
        // A diff is a preview: valid or not, it writes nothing.
        fuzz.assertValidRequestSucceeds(200);
    }

    @Test
    void closingARevenuePeriod() {
        Fuzz fuzz = new Fuzz("POST", "/api/v1/revenue/periods/2020-01/close", staffBasic, "");
        fuzz.path(
                "/api/v1/revenue/periods/2026-13/close",
                "/api/v1/revenue/periods/x/close",
                "/api/v1/revenue/periods/+999999999-01/close",
                "/api/v1/revenue/periods/2999-01/close",
                "/api/v1/revenue/periods/2026-1/close",
                "/api/v1/revenue/periods/0000-01/close",
                "/api/v1/revenue/periods/-999999999-01/close");
        fuzz.generatedPaths(SEED + 6, 100, "/api/v1/revenue/periods/%s/close");
        fuzz.missingIdempotencyKey();
        fuzz.assertAllRefusedAndNothingWritten();
    }

    @Test
    void processorWebhooks() {
        String payload =
                "{\"id\":\"evt_fuzz\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{\"id\":\"pi_fuzz\"}}}";
        Fuzz stripe = new Fuzz("POST", "/webhooks/stripe", null, payload);
        stripe.headers("no signature");
        stripe.headers("a forged signature", "Stripe-Signature", "t=" + now() + ",v1=" + "0".repeat(64));
        stripe.headers("an old signature", "Stripe-Signature", stripeSignature(payload, now() - 3600));
        stripe.headers("garbage signature header", "Stripe-Signature", "\u00ff\u00fe");
        for (String broken : List.of("{", "not json", "{\"id\": }")) {
            stripe.signedBody(
                    "signed but broken: " + broken, broken, "Stripe-Signature", stripeSignature(broken, now()));
        }
        stripe.assertAllRefusedAndNothingWritten();

        Fuzz legacy =
                new Fuzz("POST", "/webhooks/legacy", null, "{\"id\":\"lg_fuzz\",\"kind\":\"transaction_settled\"}");
        legacy.headers("no signature");
        legacy.headers("a forged signature", "X-Legacy-Timestamp", Long.toString(now()), "X-Legacy-Signature", "00");
        legacy.headers("a timestamp that is not a number", "X-Legacy-Timestamp", "soon", "X-Legacy-Signature", "00");
        legacy.assertAllRefusedAndNothingWritten();
    }

    /**
     * The customer site's forms answer bad input by showing the form again with the error (or an error page), never a
     * 500, and write nothing.
     */
    @Test
    void customerSiteForms() throws Exception {
        String subscription = buySubscription();
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin("/login")
                        .userParameter("email")
                        .user(customer.account().email())
                        .password("customer-password"))
                .andReturn()
                .getRequest()
                .getSession();
        Map<String, String> checkout = Map.of(
                "plan",
                "edge-starter-monthly",
                "currency",
                "USD",
                "cardNumber",
                "4242 4242 4242 4242",
                "expMonth",
                "12",
                "expYear",
                "2031",
                "cvc",
                "123",
                "key",
                "k");
        List<Map<String, String>> badCheckouts = new ArrayList<>();
        for (var bad : List.of(
                Map.of("plan", "no-such-plan"),
                Map.of("plan", ""),
                Map.of("currency", "xx"),
                Map.of("currency", "CHF"),
                Map.of("expMonth", "abc"),
                Map.of("expMonth", "13"),
                Map.of("expYear", "99999999999"),
                Map.of("expYear", "2001"),
                Map.of("cardNumber", "not a card"),
                Map.of("cardNumber", "4242 4242 4242 4241"),
                Map.of("addOnQuantity", "1000000"),
                Map.of("addOnQuantity", "x"),
                Map.of("addOnQuantity", "-5"),
                Map.of("trial", "perhaps"),
                Map.of("key", ""),
                Map.of("key", "k".repeat(300)),
                Map.of("cvc", "x".repeat(10_000)))) {
            Map<String, String> params = new LinkedHashMap<>(checkout);
            params.putAll(bad);
            params.computeIfPresent(
                    "key", (k, v) -> v.equals("k") ? UUID.randomUUID().toString() : v);
            badCheckouts.add(params);
        }
        List<String> wrong = new ArrayList<>();
        Map<String, Long> before = settledFootprint();
        for (Map<String, String> params : badCheckouts) {
            formPost("/checkout", params, session, wrong);
        }
        for (var params : List.of(
                Map.of(
                        "email",
                        "not-an-email",
                        "name",
                        "X",
                        "currency",
                        "USD",
                        "timeZone",
                        "UTC",
                        "password",
                        "long-enough-1"),
                Map.of(
                        "email",
                        "new-" + UUID.randomUUID() + "@example.com",
                        "name",
                        "X",
                        "currency",
                        "XXX",
                        "timeZone",
                        "UTC",
                        "password",
                        "long-enough-1"),
                Map.of(
                        "email",
                        "new-" + UUID.randomUUID() + "@example.com",
                        "name",
                        "X",
                        "currency",
                        "USD",
                        "timeZone",
                        "Mars/Base",
                        "password",
                        "long-enough-1"),
                Map.of(
                        "email",
                        "new-" + UUID.randomUUID() + "@example.com",
                        "name",
                        "X",
                        "currency",
                        "USD",
                        "timeZone",
                        "UTC",
                        "password",
                        "x"),
                Map.of(
                        "email",
                        "new-" + UUID.randomUUID() + "@example.com",
                        "name",
                        "N".repeat(10_000),
                        "currency",
                        "USD",
                        "timeZone",
                        "UTC",
                        "password",
                        "long-enough-1"),
                Map.of(
                        "email",
                        customer.account().email(),
                        "name",
                        "Copy",
                        "currency",
                        "USD",
                        "timeZone",
                        "UTC",
                        "password",
                        "long-enough-1"))) {
            formPost("/signup", params, null, wrong);
        }
        for (String path : List.of(
                "/account/subscriptions/not-a-uuid/cancel",
                "/account/subscriptions/" + UUID.randomUUID() + "/cancel",
                "/account/subscriptions/not-a-uuid/undo",
                "/account/subscriptions/" + subscription + "/undo")) {
            formPost(path, Map.of(), session, wrong);
        }
        for (var params : List.of(
                Map.of("plan", "no-such-plan", "key", UUID.randomUUID().toString()),
                Map.of(
                        "plan",
                        "stream-plus-monthly",
                        "expectedAmount",
                        "abc",
                        "currency",
                        "USD",
                        "key",
                        UUID.randomUUID().toString()),
                Map.of(
                        "plan",
                        "stream-plus-monthly",
                        "expectedAmount",
                        "1.00",
                        "key",
                        UUID.randomUUID().toString()),
                Map.of(
                        "plan",
                        "stream-plus-monthly",
                        "expectedAmount",
                        "-1.001",
                        "currency",
                        "ZZZ",
                        "key",
                        UUID.randomUUID().toString()),
                Map.of("plan", "stream-plus-monthly"))) {
            formPost("/account/subscriptions/" + subscription + "/change", params, session, wrong);
        }
        assertThat(wrong).as("form posts answered with a 5xx or accepted").isEmpty();
        assertThat(settledFootprint()).as("rows written by refused form posts").isEqualTo(before);
    }

    private void formPost(String path, Map<String, String> params, MockHttpSession session, List<String> wrong)
            throws Exception {
        var request = post(path).with(csrf());
        if (session != null) {
            request.session(session);
        }
        params.forEach(request::param);
        var response = mvc.perform(request).andReturn().getResponse();
        if (response.getStatus() >= 500) {
            wrong.add(path + " " + params + " -> " + response.getStatus());
        } else if (response.getRedirectedUrl() != null
                && response.getRedirectedUrl().startsWith("/orders/")) {
            wrong.add(path + " " + params + " -> order placed");
        }
    }

    // --- the harness ------------------------------------------------------------------------------------------------

    private String buySubscription() {
        var order = send(
                "POST",
                "/api/v1/orders",
                bearer(customer.apiKey()),
                UUID.randomUUID().toString(),
                "application/json",
                TestCustomers.order("stream-basic-monthly", "USD", TestCustomers.CARD_OK),
                Map.of());
        assertThat(order.statusCode()).isEqualTo(201);
        return JSON.readTree(order.body()).path("subscriptionId").asString();
    }

    private String currentCatalogFile(String name) {
        return catalog.files(catalog.current().number()).get(name);
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static long now() {
        return java.time.Instant.now().getEpochSecond();
    }

    private static String stripeSignature(String payload, long timestamp) {
        return "t=" + timestamp + ",v1=" + hmac("whsec_test_new_processor", timestamp + "." + payload);
    }

    private static String hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(
            String method,
            String path,
            String authorization,
            String idempotencyKey,
            String contentType,
            String body,
            Map<String, String> headers) {
        return send(
                method,
                path,
                authorization,
                idempotencyKey,
                contentType,
                body.getBytes(StandardCharsets.UTF_8),
                headers);
    }

    private HttpResponse<String> send(
            String method,
            String path,
            String authorization,
            String idempotencyKey,
            String contentType,
            byte[] body,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (contentType != null && body.length > 0) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Row counts of every table holding business data. */
    private Map<String, Long> footprint() {
        List<String> tables = jdbc
                .sql("select table_name from information_schema.tables where table_schema = 'public' "
                        + "and table_type = 'BASE TABLE' and table_name not like 'flyway%' order by table_name")
                .query(String.class)
                .list()
                .stream()
                .filter(t -> !NOT_BUSINESS_DATA.contains(t))
                .toList();
        String sql = tables.stream()
                .map(t -> "select '" + t + "' as t, count(*) as n from " + t)
                .collect(Collectors.joining(" union all "));
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql(sql)
                .query((rs, n) -> counts.put(rs.getString("t"), rs.getLong("n")))
                .list();
        return counts;
    }

    /** Waits until work left over from earlier requests (listeners after commit) has settled. */
    private Map<String, Long> settledFootprint() {
        List<Map<String, Long>> last = new ArrayList<>(List.of(footprint()));
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    Map<String, Long> now = footprint();
                    boolean stable = now.equals(last.get(0));
                    last.set(0, now);
                    return stable;
                });
        return last.get(0);
    }

    private record Case(
            String name, String path, String contentType, byte[] body, boolean withKey, Map<String, String> headers) {}

    /** The bad variants of one valid request. */
    private final class Fuzz {

        private final String method;
        private final String path;
        private final String authorization;
        private final String valid;
        private final List<Case> cases = new ArrayList<>();
        private final Set<String> freeText = new java.util.HashSet<>();

        Fuzz(String method, String path, String authorization, String valid) {
            this.method = method;
            this.path = path;
            this.authorization = authorization;
            this.valid = valid;
        }

        void freeText(String... fields) {
            freeText.addAll(List.of(fields));
        }

        /** Each field (nested ones too) replaced by each of {@code values}; {@code {}} only where a scalar is expected. */
        void everyFieldWith(List<String> values, String objectForScalars) {
            for (String field : fields(JSON.readTree(valid), "")) {
                for (String value : values) {
                    if (!(freeText.contains(field) && value.matches("-?[0-9e]+"))) {
                        field(field, value);
                    }
                }
                if (!JSON.readTree(valid).at(pointer(field)).isContainer()) {
                    field(field, objectForScalars);
                }
            }
        }

        void field(String field, String... values) {
            for (String value : values) {
                // Through a placeholder, so literals like 1e400 reach the server exactly as written.
                ObjectNode body = (ObjectNode) JSON.readTree(valid);
                set(body, field, JSON.getNodeFactory().stringNode("__fuzz__"));
                add(
                        field + " = " + abbreviate(value),
                        path,
                        "application/json",
                        JSON.writeValueAsString(body).replace("\"__fuzz__\"", value));
            }
        }

        void without(String... fields) {
            for (String field : fields) {
                ObjectNode body = (ObjectNode) JSON.readTree(valid);
                remove(body, field);
                add("without " + field, path, "application/json", JSON.writeValueAsString(body));
            }
        }

        void body(String name, String body) {
            add(name, path, "application/json", body);
        }

        void path(String... paths) {
            for (String other : paths) {
                add("path " + other, other, "application/json", valid);
            }
        }

        void headers(String name, String... headers) {
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i + 1 < headers.length; i += 2) {
                map.put(headers[i], headers[i + 1]);
            }
            cases.add(new Case(name, path, "application/json", valid.getBytes(StandardCharsets.UTF_8), true, map));
        }

        void signedBody(String name, String body, String... headers) {
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i + 1 < headers.length; i += 2) {
                map.put(headers[i], headers[i + 1]);
            }
            cases.add(new Case(name, path, "application/json", body.getBytes(StandardCharsets.UTF_8), true, map));
        }

        /**
         * {@code count} random variants of the valid body, each with one to three fields replaced by a value of another
         * JSON type or one no field accepts (so every variant is bad input, whatever the field), reproducible from
         * {@code seed}.
         */
        void generated(long seed, int count) {
            java.util.Random random = new java.util.Random(seed);
            List<String> fields = fields(JSON.readTree(valid), "");
            for (int i = 0; i < count; i++) {
                ObjectNode body = (ObjectNode) JSON.readTree(valid);
                Map<String, String> values = new LinkedHashMap<>();
                int mutations = 1 + random.nextInt(3);
                for (int m = 0; m < mutations; m++) {
                    String field = fields.get(random.nextInt(fields.size()));
                    JsonNode original = body.at(pointer(field));
                    if (original.isMissingNode()
                            || values.keySet().stream()
                                    .anyMatch(f -> field.startsWith(f + "/") || f.startsWith(field + "/"))) {
                        continue;
                    }
                    values.put(field, wrongValueFor(original, random));
                    set(body, field, JSON.getNodeFactory().stringNode("__fuzz" + values.size() + "__"));
                }
                String json = JSON.writeValueAsString(body);
                int n = 0;
                for (String value : values.values()) {
                    json = json.replace("\"__fuzz" + (++n) + "__\"", value);
                }
                add(
                        "seed " + seed + " #" + i + ": "
                                + values.entrySet().stream()
                                        .map(e -> e.getKey() + " = " + abbreviate(e.getValue()))
                                        .collect(Collectors.joining(", ")),
                        path,
                        "application/json",
                        json);
            }
        }

        /** {@code count} random path parameters in {@code template} ({@code %s}): unknown ids and bytes of every kind, encoded. */
        void generatedPaths(long seed, int count, String template) {
            java.util.Random random = new java.util.Random(seed);
            for (int i = 0; i < count; i++) {
                String parameter = switch (random.nextInt(4)) {
                    case 0 -> new UUID(random.nextLong(), random.nextLong()).toString();
                    case 1 -> Long.toString(random.nextLong());
                    case 2 -> {
                        StringBuilder encoded = new StringBuilder();
                        for (int b = 0, length = 1 + random.nextInt(40); b < length; b++) {
                            encoded.append('%')
                                    .append(HexFormat.of().withUpperCase().toHexDigits((byte) random.nextInt(256)));
                        }
                        yield encoded.toString();
                    }
                    default -> "x".repeat(1 + random.nextInt(3000));
                };
                add(
                        "seed " + seed + " path #" + i + ": " + abbreviate(parameter),
                        template.formatted(parameter),
                        "application/json",
                        valid);
            }
        }

        private String wrongValueFor(JsonNode original, java.util.Random random) {
            List<String> candidates = new ArrayList<>(NEVER_VALID);
            if (original.isString()) {
                candidates.addAll(List.of(
                        Long.toString(random.nextLong()),
                        random.nextInt(1000) + "." + random.nextInt(1000),
                        "true",
                        "false",
                        "{}",
                        "[\"" + original.asString() + "\"]",
                        "{\"value\":\"" + original.asString() + "\"}"));
            } else if (original.isNumber()) {
                candidates.addAll(List.of(
                        "\"" + original.asString() + "\"",
                        "\"" + random.nextInt() + "\"",
                        "true",
                        "{}",
                        "[" + original + "]",
                        "9223372036854775808",
                        "-" + (1 + random.nextInt(1_000_000)),
                        "0.5"));
            } else if (original.isBoolean()) {
                candidates.addAll(List.of("\"" + original.asString() + "\"", "1", "0", "{}", "[true]"));
            } else if (original.isObject()) {
                candidates.addAll(List.of(
                        "\"" + abbreviate(original.toString()).replace("\"", "'") + "\"",
                        "1",
                        "true",
                        "[" + original + "]"));
            } else if (original.isArray()) {
                candidates.addAll(List.of(
                        "\"[]\"", "1", "true", "{}", "[[" + (original.isEmpty() ? "" : original.get(0)) + "]]"));
            } else {
                candidates.addAll(List.of("1", "true", "{}", "[]"));
            }
            return candidates.get(random.nextInt(candidates.size()));
        }

        void missingIdempotencyKey() {
            cases.add(new Case(
                    "no Idempotency-Key",
                    path,
                    "application/json",
                    valid.getBytes(StandardCharsets.UTF_8),
                    false,
                    Map.of()));
            cases.add(new Case(
                    "Idempotency-Key of 300 characters",
                    path,
                    "application/json",
                    valid.getBytes(StandardCharsets.UTF_8),
                    true,
                    Map.of("Idempotency-Key", "k".repeat(300))));
        }

        void malformedBodies() {
            for (String broken : List.of(
                    "",
                    "{",
                    "}",
                    "not json",
                    "[]",
                    "null",
                    "42",
                    "\"text\"",
                    "{\"plan\": }",
                    "{\"a\":1,}",
                    "{'plan':'x'}",
                    valid.substring(0, valid.length() / 2),
                    "{\"events\":[{\"quantity\":NaN}]}")) {
                add("body " + abbreviate(broken), path, "application/json", broken);
            }
            add("body as text/plain", path, "text/plain", valid);
            add("body as form", path, "application/x-www-form-urlencoded", "plan=x");
            byte[] huge = new byte[3 * 1024 * 1024];
            java.util.Arrays.fill(huge, (byte) ' ');
            huge[0] = '[';
            huge[huge.length - 1] = ']';
            cases.add(new Case("body of 3 MB", path, "application/json", huge, true, Map.of()));
            cases.add(new Case(
                    "invalid UTF-8",
                    path,
                    "application/json",
                    new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'},
                    true,
                    Map.of()));
            missingIdempotencyKey();
        }

        void assertAllRefusedAndNothingWritten() {
            Map<String, Long> before = settledFootprint();
            List<String> wrong = new ArrayList<>();
            for (Case c : cases) {
                Map<String, String> headers = new LinkedHashMap<>(c.headers());
                String key = c.withKey() && !headers.containsKey("Idempotency-Key")
                        ? UUID.randomUUID().toString()
                        : headers.remove("Idempotency-Key");
                HttpResponse<String> response =
                        send(method, c.path(), authorization, key, c.contentType(), c.body(), headers);
                String contentType =
                        response.headers().firstValue("Content-Type").orElse("");
                if (response.statusCode() < 400 || response.statusCode() >= 500) {
                    wrong.add(c.name() + " -> " + response.statusCode() + " " + abbreviate(response.body()));
                } else if (!contentType.startsWith("application/problem+json")) {
                    wrong.add(c.name() + " -> " + response.statusCode() + " as " + contentType + ": "
                            + abbreviate(response.body()));
                } else {
                    JsonNode problem = JSON.readTree(response.body());
                    if (problem.path("status").asInt() != response.statusCode()
                            || problem.path("title").asString("").isBlank()) {
                        wrong.add(c.name() + " -> problem without status or title: " + abbreviate(response.body()));
                    }
                }
            }
            assertThat(wrong)
                    .as(
                            "%s %s: bad requests not refused with a 4xx problem (generated cases name their seed: replay with "
                                    + "-Dabacus.fuzz.seed=<seed> and the case number)",
                            method, path)
                    .isEmpty();
            Map<String, Long> after = settledFootprint();
            assertThat(after)
                    .as("%s %s: rows written by %d refused requests", method, path, cases.size())
                    .isEqualTo(before);
        }

        void assertValidRequestWrites(int status) {
            Map<String, Long> before = settledFootprint();
            assertValidRequestSucceeds(status);
            assertThat(settledFootprint()).as("the valid request writes").isNotEqualTo(before);
        }

        void assertValidRequestSucceeds(int status) {
            var response = send(
                    method, path, authorization, UUID.randomUUID().toString(), "application/json", valid, Map.of());
            assertThat(response.statusCode())
                    .as("valid %s %s: %s", method, path, response.body())
                    .isEqualTo(status);
        }

        private void add(String name, String path, String contentType, String body) {
            cases.add(new Case(name, path, contentType, body.getBytes(StandardCharsets.UTF_8), true, Map.of()));
        }
    }

    private static List<String> fields(JsonNode node, String prefix) {
        List<String> fields = new ArrayList<>();
        if (node.isObject()) {
            for (String name : node.propertyNames()) {
                String field = prefix.isEmpty() ? name : prefix + "/" + name;
                fields.add(field);
                fields.addAll(fields(node.get(name), field));
            }
        } else if (node.isArray() && !node.isEmpty()) {
            String field = prefix + "/0";
            fields.add(field);
            fields.addAll(fields(node.get(0), field));
        }
        return fields;
    }

    /** Fields are JSON pointers without the leading slash ({@code paymentMethod/card/number}): names may hold dots. */
    private static String pointer(String field) {
        return "/" + field;
    }

    private static void set(JsonNode root, String field, JsonNode value) {
        int slash = field.lastIndexOf('/');
        JsonNode parent = slash < 0 ? root : root.at(pointer(field.substring(0, slash)));
        String last = field.substring(slash + 1);
        if (parent.isArray()) {
            ((tools.jackson.databind.node.ArrayNode) parent).set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }

    private static void remove(JsonNode root, String field) {
        int slash = field.lastIndexOf('/');
        JsonNode parent = slash < 0 ? root : root.at(pointer(field.substring(0, slash)));
        ((ObjectNode) parent).remove(field.substring(slash + 1));
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…(" + text.length() + " chars)" : text;
    }
}
