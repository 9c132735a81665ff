package com.abacus.testclocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.abacus.ApiClient;
import com.abacus.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The worked period and proration tables (BillingPeriodsTests, ProrationTests) again, as a customer lives them: on a
 * test clock, through the HTTP API, with the invoices the advances issue.
 */
@IntegrationTest
class WorkedScenariosIntegrationTests {

    @LocalServerPort
    int port;

    ApiClient api;
    TestClockDriver driver;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        driver = new TestClockDriver(api);
    }

    /** Bought on 29 February: renewed on the 28th in common years and back on the 29th in 2032. */
    @Test
    void aLeapDayAnnualPlanRenewsOnThe28thAndOnThe29thInLeapYears() {
        String clock = clock("2028-02-29T17:00:00Z");
        String key = account(clock, "America/New_York", "USD");
        buy(key, "edge-pro-annual", "USD");
        advance(clock, "2032-03-01T00:00:00Z");
        assertThat(renewalStarts(key))
                .containsExactly(
                        "2029-02-28T17:00:00Z", "2030-02-28T17:00:00Z", "2031-02-28T17:00:00Z", "2032-02-29T17:00:00Z");
        assertThat(api.get("/api/v1/invoices", key)
                        .json()
                        .get(0)
                        .path("total")
                        .path("amount")
                        .asString())
                .isEqualTo("500.00");
    }

    /** A monthly period keeps the local hour across daylight-saving changes, so its UTC instant moves by an hour. */
    @Test
    void periodsKeepTheirLocalHourThroughDaylightSavingWeeks() {
        String berlinSpring = clock("2027-03-01T09:00:00Z"); // 10:00 CET
        String berlin = account(berlinSpring, "Europe/Berlin", "EUR");
        buy(berlin, "edge-starter-monthly", "EUR");
        advance(berlinSpring, "2027-04-02T00:00:00Z");
        assertThat(renewalStarts(berlin)).containsExactly("2027-04-01T08:00:00Z"); // 10:00 CEST

        String berlinAutumn = clock("2027-10-15T08:00:00Z"); // 10:00 CEST
        String autumn = account(berlinAutumn, "Europe/Berlin", "EUR");
        buy(autumn, "edge-starter-monthly", "EUR");
        advance(berlinAutumn, "2027-11-16T00:00:00Z");
        assertThat(renewalStarts(autumn)).containsExactly("2027-11-15T09:00:00Z"); // 10:00 CET

        String newYork = clock("2027-03-10T15:00:00Z"); // 10:00 EST
        String ny = account(newYork, "America/New_York", "USD");
        buy(ny, "edge-starter-monthly", "USD");
        advance(newYork, "2027-04-11T00:00:00Z");
        assertThat(renewalStarts(ny)).containsExactly("2027-04-10T14:00:00Z"); // 10:00 EDT
    }

    /** Pro ($50) to Business ($200) on 16 April in Los Angeles: 15 of 30 days unused, $25.00 back, $100.00 due, $75.00. */
    @Test
    void anUpgradeOnDaySixteenOfAThirtyDayMonthIsProratedByDayInTheAccountsZone() {
        String clock = clock("2027-04-01T07:00:00Z"); // midnight in Los Angeles
        String key = account(clock, "America/Los_Angeles", "USD");
        buy(key, "edge-pro-monthly", "USD");
        String subscription =
                api.get("/api/v1/subscriptions", key).json().get(0).path("id").asString();
        advance(clock, "2027-04-16T07:00:00Z");

        JsonNode quote = api.get(
                        "/api/v1/subscriptions/" + subscription + "/change-quote?plan=edge-business-monthly", key)
                .json();
        assertThat(quote.path("unusedDays").asLong()).isEqualTo(15);
        assertThat(quote.path("periodDays").asLong()).isEqualTo(30);
        List<String> amounts = new ArrayList<>();
        quote.path("prorationLines")
                .forEach(l -> amounts.add(l.path("amount").path("amount").asString()));
        assertThat(amounts).containsExactly("-25.00", "100.00");
        assertThat(quote.path("amountDueNow").path("amount").asString()).isEqualTo("75.00");

        var changed = api.post(
                "/api/v1/subscriptions/" + subscription + "/change",
                key,
                UUID.randomUUID().toString(),
                "{\"plan\":\"edge-business-monthly\",\"expectedAmount\":\"75.00\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        // The proration invoice is issued by invoicing's listener after the change commits.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (api.get("/api/v1/invoices", key).json().size() < 2 && System.nanoTime() < deadline) {
            pause();
        }
        JsonNode proration = api.get("/api/v1/invoices", key).json().get(0);
        assertThat(proration.path("issuedAt").asString()).isEqualTo("2027-04-16T07:00:00Z");
        assertThat(proration.path("total").path("amount").asString()).isEqualTo("75.00");

        // The next renewal bills Business for May.
        advance(clock, "2027-05-02T00:00:00Z");
        JsonNode renewal = api.get("/api/v1/invoices", key).json().get(0);
        assertThat(renewal.path("periodStart").asString()).isEqualTo("2027-05-01T07:00:00Z");
        assertThat(renewal.path("total").path("amount").asString()).isEqualTo("200.00");
    }

    private List<String> renewalStarts(String key) {
        List<String> starts = new ArrayList<>();
        JsonNode invoices = api.get("/api/v1/invoices", key).json();
        String first = invoices.get(invoices.size() - 1).path("periodStart").asString();
        invoices.forEach(i -> {
            if (!i.path("periodStart").asString().equals(first)) {
                starts.add(i.path("periodStart").asString());
            }
        });
        java.util.Collections.reverse(starts);
        return starts;
    }

    private String clock(String frozenTime) {
        return driver.clock("worked", frozenTime);
    }

    private String account(String clock, String zone, String currency) {
        return driver.account(clock, zone, currency);
    }

    private void buy(String key, String plan, String currency) {
        driver.buy(key, plan, currency);
    }

    private void advance(String clock, String to) {
        driver.advance(clock, to);
    }

    private static void pause() {
        TestClockDriver.pause();
    }
}
