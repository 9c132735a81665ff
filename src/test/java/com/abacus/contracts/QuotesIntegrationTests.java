package com.abacus.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.abacus.ApiClient;
import com.abacus.IntegrationTest;
import com.abacus.TestClock;
import com.abacus.TestCustomers;
import com.abacus.TestCustomers.Customer;
import com.abacus.accounts.StaffDirectory;
import com.abacus.accounts.StaffRole;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Quotes through the API as sales staff make them: checked terms, the schedule of every invoice, acceptance into a
 * contract once, refusals (a ramp that does not cover the term, a cap without a metric, an overlap, an expired quote)
 * that name the field and write nothing, and the roles that may do it.
 */
@IntegrationTest
class QuotesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestCustomers customers;

    @Autowired
    StaffDirectory staff;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        staff.createStaffUser("sales-sid", "Sid Sales", "sales-password", Set.of(StaffRole.SALES));
        staff.createStaffUser("support-quinn", "Quinn Support", "support-password", Set.of(StaffRole.SUPPORT));
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static String quote(String accountId, String startDate) {
        return """
                {"accountId": "%s", "currency": "USD", "startDate": "%s", "termMonths": 24,
                 "billing": "quarterly", "paymentTerms": "net30", "autoRenew": true,
                 "items": [
                   {"plan": "edge-business-monthly", "quantity": 1,
                    "prices": [{"fromMonth": 1, "monthly": "1500.00"}, {"fromMonth": 13, "monthly": "1800.00"}]},
                   {"addOn": "edge-extra-load-balancer", "quantity": 10,
                    "prices": [{"fromMonth": 1, "monthly": "20.00"}, {"fromMonth": 7, "monthly": "25.00"}]}],
                 "usage": [{"metric": "image_transformations", "includedPerMonth": 1000000, "overagePrice": "0.25",
                            "cap": {"type": "hard", "quantity": 5000000}}],
                 "commitment": {"minimum": "50000.00"}}""".formatted(accountId, startDate);
    }

    @Test
    void salesQuotesAContractSeesEveryInvoiceAndAcceptsItOnce() {
        Customer customer = customers.create("USD", "America/New_York", "Acme Corp");
        var created = post("/api/v1/quotes", sales(), quote(customer.id(), "2027-01-31"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode quote = created.json();
        assertThat(quote.path("status").asString()).isEqualTo("open");
        assertThat(quote.path("number").asString()).matches("Q-\\d{4}-\\d{5}");
        assertThat(quote.path("createdBy").asString()).isEqualTo("sales-sid");
        assertThat(quote.path("terms").path("endDate").asString()).isEqualTo("2029-01-30");
        assertThat(quote.path("terms")
                        .path("items")
                        .get(0)
                        .path("prices")
                        .get(1)
                        .path("monthly")
                        .path("amount")
                        .asString())
                .isEqualTo("1800.00");
        assertThat(quote.path("terms")
                        .path("usage")
                        .get(0)
                        .path("cap")
                        .path("type")
                        .asString())
                .isEqualTo("hard");
        String id = quote.path("id").asString();

        JsonNode schedule = api.get("/api/v1/quotes/" + id + "/schedule", null, basic(sales()))
                .json();
        // 8 quarters and the true-up: 45,300.00 of fees against 50,000.00 committed.
        assertThat(schedule).hasSize(9);
        assertThat(schedule.get(0).path("date").asString()).isEqualTo("2027-01-31");
        assertThat(schedule.get(0).path("periodEnd").asString()).isEqualTo("2027-04-29");
        assertThat(schedule.get(0).path("total").path("amount").asString()).isEqualTo("5100.00");
        assertThat(schedule.get(2).path("total").path("amount").asString()).isEqualTo("5250.00");
        assertThat(schedule.get(4).path("total").path("amount").asString()).isEqualTo("6150.00");
        assertThat(schedule.get(8).path("date").asString()).isEqualTo("2029-01-31");
        assertThat(schedule.get(8).path("lines").get(0).path("kind").asString()).isEqualTo("true_up");
        assertThat(schedule.get(8).path("total").path("amount").asString()).isEqualTo("4700.00");

        // The PDF the customer signs: names, prices in major units, every invoice.
        assertThat(quote.path("acceptUrl").asString()).isEqualTo("/quotes/" + id);
        var pdf = api.get("/api/v1/quotes/" + id + "/pdf", null, basic(sales()));
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        String text = pdfText(id);
        assertThat(text)
                .contains("Quote Q-", "Acme Corp", "Edge Network Business", "Months 1–12: $1,500.00 a month")
                .contains("Extra load balancer × 10", "Months 7–24: $25.00 a month each")
                .contains("Image transformations: 1,000,000 included each month, then $0.25 per 1,000")
                .contains("stops at 5,000,000 a month", "$50,000.00 over the term", "Bank transfer within 30 days")
                .contains("31 Jan 2027", "$5,100.00", "$6,150.00", "$4,700.00");

        var accepted = post("/api/v1/quotes/" + id + "/accept", sales(), "{\"signedReference\": \"DocuSign 8841\"}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        JsonNode contract = accepted.json();
        assertThat(contract.path("number").asString()).matches("CTR-\\d{4}-\\d{5}");
        assertThat(contract.path("status").asString()).isEqualTo("active");
        assertThat(contract.path("signedBy").asString()).isEqualTo("sales-sid");
        assertThat(contract.path("terms").path("startDate").asString()).isEqualTo("2027-01-31");
        JsonNode after = api.get("/api/v1/quotes/" + id, null, basic(sales())).json();
        assertThat(after.path("status").asString()).isEqualTo("accepted");
        assertThat(after.path("signedReference").asString()).isEqualTo("DocuSign 8841");
        assertThat(after.path("contractId").asString())
                .isEqualTo(contract.path("id").asString());
        assertThat(api.get("/api/v1/contracts?accountId=" + customer.id(), TestCustomers.SERVICE_TOKEN)
                        .json())
                .hasSize(1);

        // Accepted once: a second acceptance is refused and makes no second contract.
        var again = post("/api/v1/quotes/" + id + "/accept", sales(), "{}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("code").asString()).isEqualTo("quote-accepted");

        // Another quote for the same product over the same time is refused; after the term it is fine.
        var overlapping = post("/api/v1/quotes", sales(), quote(customer.id(), "2028-06-01"));
        assertThat(overlapping.status()).as(overlapping.body()).isEqualTo(409);
        assertThat(overlapping.json().path("code").asString()).isEqualTo("contract-overlaps");
        assertThat(overlapping.contentType()).startsWith("application/problem+json");
        assertThat(post("/api/v1/quotes", sales(), quote(customer.id(), "2029-01-31"))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void quotesThatBreakARuleAreRefusedNamingTheFieldAndWriteNothing() {
        Customer customer = customers.create("USD", "America/New_York", "Refused Inc");
        long before = count();
        String good = quote(customer.id(), "2027-01-31");
        assertRefused(
                good.replace("{\"fromMonth\": 1, \"monthly\": \"1500.00\"}, ", ""), "items[0].prices[0].fromMonth");
        assertRefused(good.replace("\"fromMonth\": 13", "\"fromMonth\": 30"), "items[0].prices[1].fromMonth");
        assertRefused(good.replace("\"metric\": \"image_transformations\", ", ""), "usage[0].metric");
        assertRefused(good.replace("\"termMonths\": 24", "\"termMonths\": 18"), "termMonths");
        assertRefused(good.replace("\"billing\": \"quarterly\"", "\"billing\": \"weekly\""), "billing");
        assertRefused(good.replace("\"currency\": \"USD\"", "\"currency\": \"EUR\""), "currency");
        assertRefused(good.replace("edge-business-monthly", "nope"), "items[0].plan");
        assertRefused(good.replace("\"1500.00\"", "\"1500.001\""), "items[0].prices[0].monthly");
        assertRefused(good.replace("\"type\": \"hard\"", "\"type\": \"sometimes\""), "usage[0].cap.type");
        assertRefused(good.replace("2027-01-31", "31/01/2027"), "startDate");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void anExpiredQuoteCannotBeAccepted() {
        Customer customer = customers.create("USD", "America/New_York", "Late Ltd");
        String body = quote(customer.id(), "2027-01-31").replaceFirst("\\{", "{\"validDays\": 7, ");
        var created = post("/api/v1/quotes", sales(), body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asString();
        clock.set(Instant.now().plus(Duration.ofDays(8)));
        assertThat(api.get("/api/v1/quotes/" + id, null, basic(sales()))
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("expired");
        var refused = post("/api/v1/quotes/" + id + "/accept", sales(), "{}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("code").asString()).isEqualTo("quote-expired");
        assertThat(jdbc.sql("select count(*) from contract where account_id = :id")
                        .param("id", customer.account().id().value())
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void salesAdminsAndScopedServicesQuoteOthersAreRefused() {
        Customer customer = customers.create("USD", "America/New_York", "Roles Co");
        String body = quote(customer.id(), "2027-01-31");
        assertThat(post("/api/v1/quotes", "support-quinn:support-password", body)
                        .status())
                .isEqualTo(403);
        assertThat(api.post(
                                "/api/v1/quotes",
                                customer.apiKey(),
                                UUID.randomUUID().toString(),
                                body)
                        .status())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/quotes", null, UUID.randomUUID().toString(), body)
                        .status())
                .isEqualTo(401);
        assertThat(api.post(
                                "/api/v1/quotes",
                                TestCustomers.SERVICE_TOKEN,
                                UUID.randomUUID().toString(),
                                body)
                        .status())
                .isEqualTo(201);
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private static String sales() {
        return "sales-sid:sales-password";
    }

    private ApiClient.Response post(String path, String user, String body) {
        return api.post(path, null, UUID.randomUUID().toString(), body, basic(user));
    }

    private static String[] basic(String user) {
        return new String[] {"Authorization", "Basic " + Base64.getEncoder().encodeToString(user.getBytes())};
    }

    private void assertRefused(String body, String field) {
        var refused = post("/api/v1/quotes", sales(), body);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        boolean named = false;
        for (JsonNode error : refused.json().path("errors")) {
            named |= error.path("field").asString().equals(field);
        }
        assertThat(named).as(field + " in " + refused.body()).isTrue();
    }

    private String pdfText(String id) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + port + "/api/v1/quotes/" + id + "/pdf"))
                    .header(basic(sales())[0], basic(sales())[1])
                    .build();
            byte[] pdf = java.net.http.HttpClient.newHttpClient()
                    .send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray())
                    .body();
            java.nio.file.Files.write(java.nio.file.Path.of("target", "contract-quote.pdf"), pdf);
            try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
                // Table cells wrap: compare the words, not the lines.
                return new org.apache.pdfbox.text.PDFTextStripper()
                        .getText(document)
                        .replaceAll("\\s+", " ");
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long count() {
        return jdbc.sql("select count(*) from contract_quote").query(Long.class).single();
    }
}
