package com.abacus.testclocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.abacus.ApiClient;
import com.abacus.IntegrationTest;
import com.abacus.TestClock;
import com.abacus.TestCustomers;
import com.abacus.TestCustomers.Customer;
import com.abacus.invoicing.InvoiceRuns;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Test clocks through the HTTP API, as a script would drive them: a clock, an account on it, checkout, advances, the
 * invoices they produce; beside a real account that neither the advance nor the scheduled run mixes up with it.
 */
@IntegrationTest
class TestClockIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestCustomers customers;

    @Autowired
    TestClock clock;

    @Autowired
    InvoiceRuns invoiceRuns;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    com.abacus.payments.Reconciliation reconciliation;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void advancingFourteenMonthsBillsFourteenPeriodsEachOnItsOwnDateWithItsOwnUsage() {
        JsonNode testClock = createClock("Jan 31 start", "2027-01-31T10:00:00Z");
        String clockId = testClock.path("id").asString();
        assertThat(testClock.path("status").asString()).isEqualTo("ready");
        assertThat(testClock.path("frozenTime").asString()).isEqualTo("2027-01-31T10:00:00Z");

        JsonNode account = createAccount(clockId, "America/New_York");
        assertThat(account.path("testClockId").asString()).isEqualTo(clockId);
        assertThat(account.path("createdAt").asString()).isEqualTo("2027-01-31T10:00:00Z");
        String key = account.path("apiKey").asString();
        assertThat(key).startsWith("abk_");

        Customer real = customers.create();
        buy(real.apiKey(), "edge-pro-monthly");
        JsonNode order = buy(key, "edge-pro-monthly");
        assertThat(order.path("status").asString()).isEqualTo("completed");
        JsonNode subscription = api.get("/api/v1/subscriptions", key).json().get(0);
        assertThat(subscription.path("currentPeriod").path("start").asString()).isEqualTo("2027-01-31T10:00:00Z");

        // Into the first period, then usage at the clock's time (in the real future: accepted for this account).
        advanceAndWait(clockId, "2027-02-15T00:00:00Z");
        var usage = api.post(
                "/api/v1/usage",
                key,
                UUID.randomUUID().toString(),
                "{\"events\":[{\"id\":\"u1\",\"metric\":\"image_transformations\",\"quantity\":600000,\"timestamp\":\"2027-02-10T12:00:00Z\"}]}");
        assertThat(usage.status()).as(usage.body()).isEqualTo(200);
        assertThat(usage.json().path("accepted").asInt()).isEqualTo(1);

        JsonNode advanced = advanceAndWait(clockId, "2028-04-15T00:00:00Z");
        assertThat(advanced.path("frozenTime").asString()).isEqualTo("2028-04-15T00:00:00Z");
        assertThat(advanced.path("lastAdvance").asString()).contains("14 invoices issued", "14 renewals");

        List<JsonNode> renewals = new ArrayList<>();
        api.get("/api/v1/invoices", key).json().forEach(invoice -> {
            if (!invoice.path("periodStart").asString().equals("2027-01-31T10:00:00Z")) {
                renewals.add(invoice);
            }
        });
        // Anchored on the 31st in New York: short months end on their last day, Feb 2028 on the 29th.
        List<String> expectedStarts = List.of(
                "2027-02-28T10:00:00Z",
                "2027-03-31T09:00:00Z",
                "2027-04-30T09:00:00Z",
                "2027-05-31T09:00:00Z",
                "2027-06-30T09:00:00Z",
                "2027-07-31T09:00:00Z",
                "2027-08-31T09:00:00Z",
                "2027-09-30T09:00:00Z",
                "2027-10-31T09:00:00Z",
                "2027-11-30T10:00:00Z",
                "2027-12-31T10:00:00Z",
                "2028-01-31T10:00:00Z",
                "2028-02-29T10:00:00Z",
                "2028-03-31T09:00:00Z");
        assertThat(renewals.stream().map(i -> i.path("periodStart").asString()).sorted())
                .containsExactlyElementsOf(expectedStarts);
        for (JsonNode invoice : renewals) {
            // Each issued at its own renewal moment, and paid then.
            assertThat(invoice.path("issuedAt").asString())
                    .isEqualTo(invoice.path("periodStart").asString());
            assertThat(invoice.path("status").asString()).isEqualTo("paid");
            assertThat(invoice.path("currency").asString()).isEqualTo("USD");
        }
        JsonNode first = renewals.stream()
                .filter(i -> i.path("periodStart").asString().equals("2027-02-28T10:00:00Z"))
                .findFirst()
                .orElseThrow();
        // 600,000 transformations: 100,000 included, 500,000 at $0.50 per 1,000 = $250.00, on the first renewal only.
        assertThat(usageAmount(first)).isEqualTo("250.00");
        assertThat(first.path("total").path("amount").asString()).isEqualTo("300.00");
        assertThat(renewals.stream()
                        .filter(i -> usageAmount(i) != null && !usageAmount(i).equals("0.00")))
                .hasSize(1);

        // Numbered in the clock's own series (a real year's series gets no simulated invoices, and no gaps when the
        // clock goes): 12 in 2027 and 3 in 2028, each series from 1 without a gap.
        List<String> numbers = new ArrayList<>();
        api.get("/api/v1/invoices", key)
                .json()
                .forEach(i -> numbers.add(i.path("number").asString()));
        String series = "INV-TEST-" + clockId.substring(0, 8).toUpperCase();
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= 12; n++) {
            expected.add(series + "-2027-%06d".formatted(n));
        }
        for (int n = 1; n <= 3; n++) {
            expected.add(series + "-2028-%06d".formatted(n));
        }
        assertThat(numbers).containsExactlyInAnyOrderElementsOf(expected);

        // The real account bought at the same (real) time is untouched: one invoice, its first period, real series.
        assertThat(api.get("/api/v1/invoices", real.apiKey()).json()).hasSize(1);
        assertThat(api.get("/api/v1/invoices", real.apiKey())
                        .json()
                        .get(0)
                        .path("number")
                        .asString())
                .matches("INV-\\d{4}-\\d{6}");

        // Its revenue is in the clock's own books (each month its own, never in the real exports), not the real ones.
        UUID accountOnClock = UUID.fromString(account.path("id").asString());
        assertThat(jdbc.sql("select count(*) from revenue_entry where account_id = :id and test_clock_id = :clock")
                        .param("id", accountOnClock)
                        .param("clock", UUID.fromString(clockId))
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(30);
        assertThat(jdbc.sql("select count(*) from revenue_schedule where account_id = :id and (test_clock_id is null"
                                + " or posting_period <> service_month)")
                        .param("id", accountOnClock)
                        .query(Long.class)
                        .single())
                .isZero();

        // Deleting the clock deletes the account with everything it had.
        var deleted = api.delete(
                "/api/v1/test-clocks/" + clockId,
                TestCustomers.SERVICE_TOKEN,
                UUID.randomUUID().toString());
        assertThat(deleted.status()).isEqualTo(204);
        UUID accountId = UUID.fromString(account.path("id").asString());
        for (String table :
                List.of("account", "subscription", "invoice", "payment", "customer_order", "entitlement_snapshot")) {
            String column = table.equals("account") ? "id" : "account_id";
            assertThat(jdbc.sql("select count(*) from " + table + " where " + column + " = :id")
                            .param("id", accountId)
                            .query(Long.class)
                            .single())
                    .as(table)
                    .isZero();
        }
        // Its key stops working once the token cache lets go of it (abacus.security.token-cache-ttl, 1 s in tests).
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (api.get("/api/v1/invoices", key).status() != 401 && System.nanoTime() < deadline) {
            sleep();
        }
        assertThat(api.get("/api/v1/invoices", key).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/test-clocks/" + clockId, TestCustomers.SERVICE_TOKEN)
                        .status())
                .isEqualTo(404);
    }

    /**
     * A clock in the past: its account's period ended long ago in real time, yet the scheduled run does not renew it,
     * and its advance renews it without touching the real account due at the same moment.
     */
    @Test
    void theScheduledRunNeverTouchesClockAccountsAndAnAdvanceNeverTouchesRealOnes() {
        String clockId =
                createClock("in the past", "2025-03-01T00:00:00Z").path("id").asString();
        String key = createAccount(clockId, "UTC").path("apiKey").asString();
        buy(key, "edge-pro-monthly");
        Customer real = customers.create();
        buy(real.apiKey(), "edge-pro-monthly");

        // Real time moves past the real account's period end; the scheduled run renews it and nothing on the clock.
        clock.set(Instant.now().plus(Duration.ofDays(32)));
        invoiceRuns.runNow(clock.instant(), "test");
        assertThat(api.get("/api/v1/invoices", real.apiKey()).json()).hasSize(2);
        assertThat(api.get("/api/v1/invoices", key).json()).hasSize(1);
        assertThat(api.get("/api/v1/subscriptions", key)
                        .json()
                        .get(0)
                        .path("currentPeriod")
                        .path("end")
                        .asString())
                .isEqualTo("2025-04-01T00:00:00Z");

        // Its own advance renews it (on April 1st, 2025) and leaves the real account as it was.
        advanceAndWait(clockId, "2025-04-02T00:00:00Z");
        JsonNode invoices = api.get("/api/v1/invoices", key).json();
        assertThat(invoices).hasSize(2);
        assertThat(invoices.get(0).path("issuedAt").asString()).isEqualTo("2025-04-01T00:00:00Z");
        assertThat(api.get("/api/v1/invoices", real.apiKey()).json()).hasSize(2);
    }

    /** Before the period ends: the next invoice as it will be issued (plan, add-ons, usage so far rated), no number yet. */
    @Test
    void theUpcomingInvoiceAndTheUsageSoFarShowTheNextInvoiceBeforeItIsIssued() {
        String clockId =
                createClock("upcoming", "2027-05-10T08:00:00Z").path("id").asString();
        String key = createAccount(clockId, "Europe/Berlin").path("apiKey").asString();
        buy(key, "edge-pro-monthly");
        String subscription =
                api.get("/api/v1/subscriptions", key).json().get(0).path("id").asString();
        advanceAndWait(clockId, "2027-05-20T00:00:00Z");
        var usage = api.post(
                "/api/v1/usage",
                key,
                UUID.randomUUID().toString(),
                "{\"events\":[{\"id\":\"a\",\"metric\":\"image_transformations\",\"quantity\":600000,\"timestamp\":\"2027-05-15T12:00:00Z\"}]}");
        assertThat(usage.status()).as(usage.body()).isEqualTo(200);

        JsonNode soFar =
                api.get("/api/v1/subscriptions/" + subscription + "/usage", key).json();
        assertThat(soFar).hasSize(1);
        assertThat(soFar.get(0).path("code").asString()).isEqualTo("edge-image-transformations");
        assertThat(soFar.get(0).path("quantity").asLong()).isEqualTo(600_000);
        assertThat(soFar.get(0).path("amount").path("amount").asString()).isEqualTo("250.00");

        var upcoming = api.get("/api/v1/invoices/upcoming?subscription=" + subscription, key);
        assertThat(upcoming.status()).as(upcoming.body()).isEqualTo(200);
        assertThat(upcoming.json().path("number").isNull()).isTrue();
        assertThat(upcoming.json().path("status").asString()).isEqualTo("draft");
        assertThat(upcoming.json().path("periodStart").asString()).isEqualTo("2027-06-10T08:00:00Z");
        assertThat(upcoming.json().path("total").path("amount").asString()).isEqualTo("300.00");
        // Nothing of the preview was kept: the customer still has only the checkout invoice, and asking again is the
        // same.
        assertThat(api.get("/api/v1/invoices", key).json()).hasSize(1);
        assertThat(api.get("/api/v1/invoices/upcoming?subscription=" + subscription, key)
                        .json()
                        .path("total"))
                .isEqualTo(upcoming.json().path("total"));

        Customer other = customers.create();
        var notYours = api.get("/api/v1/invoices/upcoming?subscription=" + subscription, other.apiKey());
        assertThat(notYours.status()).isEqualTo(404);
        assertThat(api.get("/api/v1/subscriptions/" + subscription + "/usage", other.apiKey())
                        .status())
                .isEqualTo(404);
    }

    /**
     * The sandbox follows the clock: a card waiting for 3-D Secure fails a day after the charge on the clock's time, not
     * on real time; the scheduled reconciler leaves it alone however much real time passes.
     */
    @Test
    void aChargeWaitingForAuthenticationIsAbandonedADayLaterOnTheClocksTime() {
        String clockId =
                createClock("3-D Secure", "2027-09-01T12:00:00Z").path("id").asString();
        String key = createAccount(clockId, "UTC").path("apiKey").asString();
        var order = api.post(
                "/api/v1/orders",
                key,
                UUID.randomUUID().toString(),
                "{\"plan\":\"edge-pro-monthly\",\"currency\":\"USD\",\"paymentMethod\":{\"card\":{\"number\":\"4000000000003220\",\"expMonth\":12,\"expYear\":2031,\"cvc\":\"123\"}}}");
        assertThat(order.status()).as(order.body()).isEqualTo(202);
        String orderId = order.json().path("id").asString();

        // Waiting on the customer: the order says what they must do (confirm with the bank), not just that it waits.
        assertThat(order.json().path("status").asString()).isEqualTo("requires_action");
        assertThat(order.json().path("nextAction").path("url").asString())
                .endsWith("/orders/" + orderId + "/authenticate");
        clock.set(Instant.now().plus(Duration.ofDays(3)));
        reconciliation.reconcileNow();
        assertThat(api.get("/api/v1/orders/" + orderId, key)
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("requires_action");

        advanceAndWait(clockId, "2027-09-01T18:00:00Z");
        assertThat(api.get("/api/v1/orders/" + orderId, key)
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("requires_action");
        advanceAndWait(clockId, "2027-09-03T00:00:00Z");
        JsonNode failed = api.get("/api/v1/orders/" + orderId, key).json();
        assertThat(failed.path("status").asString()).as(failed.toString()).isEqualTo("failed");
    }

    /**
     * A SEPA debit settles on the clock's business days: three after a Wednesday is the Monday. The advance stops when
     * the debit is due, so a settled debit pays its invoice and a returned one starts dunning, on the clock's time.
     */
    @Test
    void sepaDebitsSettleOnTheClocksBusinessDays() {
        String clockId = createClock("sepa", "2027-03-03T09:00:00Z").path("id").asString();
        String settles = sepaAccount(clockId);
        String returned = sepaAccount(clockId);
        sepaOrder(settles, "DE89370400440532013000");
        sepaOrder(returned, "DE62370400440532013001");

        advanceAndWait(clockId, "2027-03-05T12:00:00Z");
        assertThat(firstInvoice(settles).path("status").asString()).isEqualTo("open");
        assertThat(firstInvoice(settles).path("paymentPending").asBoolean()).isTrue();

        advanceAndWait(clockId, "2027-03-08T12:00:00Z");
        assertThat(firstInvoice(settles).path("status").asString()).isEqualTo("paid");
        assertThat(firstInvoice(returned).path("status").asString()).isEqualTo("open");
        assertThat(api.get("/api/v1/subscriptions", returned)
                        .json()
                        .get(0)
                        .path("status")
                        .asString())
                .isEqualTo("past_due");
        // Its first dunning retry (a day after the invoice) fell due while the debit was processing: the mandate is
        // debited again at once, a second attempt now processing.
        assertThat(jdbc.sql("select count(*) from payment p join invoice i on i.account_id = p.account_id"
                                + " where i.id = :invoice")
                        .param(
                                "invoice",
                                UUID.fromString(
                                        firstInvoice(returned).path("id").asString()))
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
        assertThat(firstInvoice(returned).path("paymentPending").asBoolean()).isTrue();
    }

    private String sepaAccount(String clockId) {
        var created = api.post(
                "/api/v1/accounts",
                TestCustomers.SERVICE_TOKEN,
                UUID.randomUUID().toString(),
                """
                {"email":"sepa-%s@example.com","name":"Sepa Customer","currency":"EUR","timeZone":"Europe/Berlin",
                 "country":"DE","testClockId":"%s","apiKey":true}""".formatted(UUID.randomUUID(), clockId));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("apiKey").asString();
    }

    private void sepaOrder(String key, String iban) {
        var order = api.post(
                "/api/v1/orders",
                key,
                UUID.randomUUID().toString(),
                "{\"plan\":\"edge-pro-monthly\",\"currency\":\"EUR\",\"paymentMethod\":{\"sepaDebit\":{\"iban\":\""
                        + iban + "\",\"mandateAccepted\":true}}}");
        assertThat(order.status()).as(order.body()).isEqualTo(201);
    }

    private JsonNode firstInvoice(String key) {
        JsonNode invoices = api.get("/api/v1/invoices", key).json();
        return invoices.get(invoices.size() - 1);
    }

    @Test
    void clocksAreForAdminsAndScopedServicesAndOnlyMoveForward() {
        Customer customer = customers.create();
        var asCustomer = api.post(
                "/api/v1/test-clocks",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                "{\"name\":\"x\",\"frozenTime\":\"2027-01-01T00:00:00Z\"}");
        assertThat(asCustomer.status()).isEqualTo(403);
        assertThat(asCustomer.contentType()).startsWith("application/problem+json");

        String clockId =
                createClock("forward only", "2027-01-01T00:00:00Z").path("id").asString();
        var backwards = api.post(
                "/api/v1/test-clocks/" + clockId + "/advance",
                TestCustomers.SERVICE_TOKEN,
                UUID.randomUUID().toString(),
                "{\"to\":\"2026-06-01T00:00:00Z\"}");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(fieldError(backwards.json(), "to")).contains("after the clock's time");
        var badTime = api.post(
                "/api/v1/test-clocks",
                TestCustomers.SERVICE_TOKEN,
                UUID.randomUUID().toString(),
                "{\"name\":\"x\",\"frozenTime\":\"yesterday\"}");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(fieldError(badTime.json(), "frozenTime")).contains("ISO-8601");
        var unknownClock = api.post(
                "/api/v1/accounts",
                TestCustomers.SERVICE_TOKEN,
                UUID.randomUUID().toString(),
                "{\"email\":\"c-%s@example.com\",\"name\":\"C\",\"currency\":\"USD\",\"timeZone\":\"UTC\",\"testClockId\":\"%s\"}"
                        .formatted(UUID.randomUUID(), UUID.randomUUID()));
        assertThat(unknownClock.status()).isEqualTo(400);
        assertThat(fieldError(unknownClock.json(), "testClockId")).isEqualTo("is not a test clock");
    }

    private JsonNode createClock(String name, String frozenTime) {
        var created = api.post(
                "/api/v1/test-clocks",
                TestCustomers.SERVICE_TOKEN,
                UUID.randomUUID().toString(),
                "{\"name\":\"%s\",\"frozenTime\":\"%s\"}".formatted(name, frozenTime));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private JsonNode createAccount(String clockId, String zone) {
        var created = api.post(
                "/api/v1/accounts",
                TestCustomers.SERVICE_TOKEN,
                UUID.randomUUID().toString(),
                """
                {"email":"clock-%s@example.com","name":"Clock Customer","currency":"USD","timeZone":"%s","country":"US",
                 "testClockId":"%s","apiKey":true}""".formatted(UUID.randomUUID(), zone, clockId));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private JsonNode buy(String key, String plan) {
        var order = api.post(
                "/api/v1/orders",
                key,
                UUID.randomUUID().toString(),
                "{\"plan\":\"" + plan + "\",\"currency\":\"USD\",\"paymentMethod\":" + TestCustomers.CARD_OK + "}");
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        return order.json();
    }

    private JsonNode advanceAndWait(String clockId, String to) {
        var started = api.post(
                "/api/v1/test-clocks/" + clockId + "/advance",
                TestCustomers.SERVICE_TOKEN,
                UUID.randomUUID().toString(),
                "{\"to\":\"" + to + "\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().path("status").asString()).isEqualTo("advancing");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode current = api.get("/api/v1/test-clocks/" + clockId, TestCustomers.SERVICE_TOKEN)
                    .json();
            if (current.path("status").asString().equals("ready")) {
                return current;
            }
            sleep();
        }
        throw new AssertionError("test clock " + clockId + " did not finish advancing to " + to);
    }

    private static String fieldError(JsonNode problem, String field) {
        for (JsonNode error : problem.path("errors")) {
            if (error.path("field").asString().equals(field)) {
                return error.path("message").asString();
            }
        }
        return null;
    }

    private static String usageAmount(JsonNode invoice) {
        for (JsonNode line : invoice.path("lines")) {
            if (line.path("kind").asString().equals("usage")) {
                return line.path("amount").path("amount").asString();
            }
        }
        return null;
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
