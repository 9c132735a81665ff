package com.abacus.discounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.abacus.ApiClient;
import com.abacus.IntegrationTest;
import com.abacus.TestClock;
import com.abacus.TestCustomers;
import com.abacus.TestCustomers.Customer;
import com.abacus.payments.Charges;
import com.abacus.shared.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Coupons and promotion codes through the API: created by a service, typed at checkout in any case, taken off the quote,
 * the charge, the invoice (as their own lines) and revenue; limits that hold when checkouts race; refusals that name
 * the field and write nothing; prorated with a plan change; given by staff with a reason, audited.
 */
@IntegrationTest
class DiscountsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestCustomers customers;

    @Autowired
    Charges charges;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

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
    void aPromotionCodeTakesItsCouponOffTheQuoteTheChargeTheInvoiceAndRevenue() throws Exception {
        String coupon = coupon("""
                {"code":"%s","name":"Spring sale","percentOff":20,"duration":"repeating","durationInPeriods":3}""");
        String code = promotionCode(coupon, "");
        Customer customer = customers.create();

        // Typed in another case than it was created in: one code.
        var quote = api.get(
                "/api/v1/quote?plan=edge-pro-monthly&currency=USD&promotionCode=" + code.toLowerCase(Locale.ROOT),
                customer.apiKey());
        assertThat(quote.status()).as(quote.body()).isEqualTo(200);
        assertThat(amount(quote.json(), "subtotal")).isEqualTo("50.00");
        assertThat(amount(quote.json(), "discount")).isEqualTo("10.00");
        assertThat(amount(quote.json(), "total")).isEqualTo("40.00");
        assertThat(quote.json().path("promotionCode").asString()).isEqualTo(code);
        JsonNode discountLine = quote.json().path("lines").get(1);
        assertThat(discountLine.path("kind").asString()).isEqualTo("discount");
        assertThat(discountLine.path("amount").path("amount").asString()).isEqualTo("-10.00");
        assertThat(discountLine.path("description").asString()).startsWith("Spring sale (20% off)");

        var order = order(customer, "edge-pro-monthly", code.toLowerCase(Locale.ROOT), TestCustomers.CARD_OK);
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        assertThat(charges.paymentsOf(customer.account().id()))
                .extracting(p -> p.amount())
                .containsExactly(Money.parse("40.00", "USD"));

        JsonNode invoice = firstInvoice(customer);
        assertThat(amount(invoice, "subtotal")).isEqualTo("50.00");
        assertThat(amount(invoice, "discount")).isEqualTo("10.00");
        assertThat(amount(invoice, "tax")).isEqualTo("0.00");
        assertThat(amount(invoice, "total")).isEqualTo("40.00");
        JsonNode planLine = invoice.path("lines").get(0);
        assertThat(planLine.path("kind").asString()).isEqualTo("plan");
        assertThat(planLine.path("amount").path("amount").asString()).isEqualTo("50.00");
        assertThat(planLine.path("discount").path("amount").asString()).isEqualTo("10.00");
        JsonNode invoiceDiscount = invoice.path("lines").get(1);
        assertThat(invoiceDiscount.path("kind").asString()).isEqualTo("discount");
        assertThat(invoiceDiscount.path("code").asString()).isEqualTo(coupon);
        assertThat(invoiceDiscount.path("amount").path("amount").asString()).isEqualTo("-10.00");
        assertThat(invoiceDiscount.path("discount").path("amount").asString()).isEqualTo("0.00");

        // The PDF lists the discount after the line it reduces, then the totals before and after it.
        byte[] pdf = api.bytes("/api/v1/invoices/" + invoice.path("id").asString() + "/pdf", customer.apiKey());
        java.nio.file.Files.write(java.nio.file.Path.of("target", "discount-invoice.pdf"), pdf);
        String text;
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
        }
        assertThat(text)
                .contains(
                        "Spring sale (20% off)", "-$10.00", "Subtotal before discount", "$50.00", "Discount", "$40.00");

        // Revenue is what the invoice earns net of its discount: 40.00 spread over the period, not 50.00.
        UUID invoiceId = UUID.fromString(invoice.path("id").asString());
        long recognised = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> jdbc.sql(
                                        "select coalesce(sum(amount_minor), 0) from revenue_schedule where invoice_id = :id")
                                .param("id", invoiceId)
                                .query(Long.class)
                                .single(),
                        sum -> sum != 0);
        assertThat(recognised).isEqualTo(4000);

        var coupons = api.get("/api/v1/coupons/" + coupon, TestCustomers.SERVICE_TOKEN);
        assertThat(coupons.json().path("timesRedeemed").asInt()).isEqualTo(1);
        assertThat(coupons.json().path("duration").asString()).isEqualTo("repeating");
        assertThat(coupons.json().path("percentOff").asString()).isEqualTo("20");
        JsonNode listed = find(
                api.get("/api/v1/promotion-codes", TestCustomers.SERVICE_TOKEN).json(), code);
        assertThat(listed.path("timesRedeemed").asInt()).isEqualTo(1);
        assertThat(listed.path("coupon").asString()).isEqualTo(coupon);
    }

    @Test
    void couponsThatBreakARuleAreRefusedNamingTheFieldAndWriteNothing() {
        long before = count("coupon");
        assertRefused(
                "{\"code\":\"X%s\",\"percentOff\":20,\"amountOff\":{\"USD\":\"5.00\"},\"duration\":\"once\"}",
                "percentOff");
        assertRefused("{\"code\":\"X%s\",\"percentOff\":120,\"duration\":\"once\"}", "percentOff");
        assertRefused("{\"code\":\"X%s\",\"percentOff\":20,\"duration\":\"repeating\"}", "durationInPeriods");
        assertRefused("{\"code\":\"X%s\",\"percentOff\":20,\"duration\":\"weekly\"}", "duration");
        assertRefused("{\"code\":\"X%s\",\"percentOff\":20,\"duration\":\"once\",\"plans\":[\"nope\"]}", "plans[0]");
        assertRefused("{\"code\":\"X%s\",\"amountOff\":{\"USD\":\"5.001\"},\"duration\":\"once\"}", "amountOff.USD");
        assertRefused("{\"code\":\"X%s\",\"amountOff\":{\"USD\":\"-5\"},\"duration\":\"once\"}", "amountOff.USD");
        assertRefused(
                "{\"code\":\"X%s\",\"percentOff\":20,\"duration\":\"once\",\"redeemBy\":\"2001-01-01T00:00:00Z\"}",
                "redeemBy");
        assertRefused("{\"code\":\"no spaces %s\",\"percentOff\":20,\"duration\":\"once\"}", "code");
        assertThat(count("coupon")).isEqualTo(before);

        String coupon = coupon("{\"code\":\"%s\",\"percentOff\":10,\"duration\":\"once\"}");
        var duplicate = api.post(
                "/api/v1/coupons",
                TestCustomers.SERVICE_TOKEN,
                UUID.randomUUID().toString(),
                "{\"code\":\"" + coupon + "\",\"percentOff\":10,\"duration\":\"once\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.contentType()).startsWith("application/problem+json");
        var unknownCoupon = api.post(
                "/api/v1/promotion-codes",
                TestCustomers.SERVICE_TOKEN,
                UUID.randomUUID().toString(),
                "{\"code\":\"P" + UUID.randomUUID().toString().substring(0, 8) + "\",\"coupon\":\"NOPE-NONE\"}");
        assertThat(unknownCoupon.status()).isEqualTo(400);
        assertThat(fieldError(unknownCoupon.json(), "coupon")).isEqualTo("unknown coupon 'NOPE-NONE'");

        // Customers cannot make coupons.
        Customer customer = customers.create();
        var forbidden = api.post(
                "/api/v1/coupons",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                "{\"code\":\"FREE\",\"percentOff\":100,\"duration\":\"forever\"}");
        assertThat(forbidden.status()).isEqualTo(403);
    }

    @Test
    void codesThatDoNotApplyAreRefusedAtCheckoutNamingTheFieldAndNoOrderIsWritten() {
        Customer customer = customers.create();
        assertCheckoutRefused(customer, "edge-pro-monthly", "NOT-A-CODE", "'NOT-A-CODE' is not a promotion code");

        String starterOnly = coupon(
                "{\"code\":\"%s\",\"percentOff\":50,\"duration\":\"once\",\"plans\":[\"edge-starter-monthly\"]}");
        String starterCode = promotionCode(starterOnly, "");
        assertCheckoutRefused(
                customer,
                "edge-pro-monthly",
                starterCode,
                starterCode + " applies only to edge-starter-monthly, not to edge-pro-monthly");

        String euroOnly = coupon("{\"code\":\"%s\",\"amountOff\":{\"EUR\":\"5.00\"},\"duration\":\"once\"}");
        assertCheckoutRefused(
                customer,
                "edge-pro-monthly",
                promotionCode(euroOnly, ""),
                "coupon " + euroOnly + " has no amount off in USD");

        String tenPercent = coupon("{\"code\":\"%s\",\"percentOff\":10,\"duration\":\"once\"}");
        Instant now = Instant.now();
        String expiring = promotionCode(tenPercent, ",\"expiresAt\":\"" + now.plus(Duration.ofHours(1)) + "\"");
        clock.set(now.plus(Duration.ofHours(2)));
        assertCheckoutRefused(customer, "edge-pro-monthly", expiring, expiring + " has expired");
        clock.reset();

        String once = promotionCode(tenPercent, ",\"maxRedemptions\":1");
        assertThat(order(customers.create(), "stream-basic-monthly", once, TestCustomers.CARD_OK)
                        .status())
                .isEqualTo(201);
        assertCheckoutRefused(customer, "edge-pro-monthly", once, once + " has been fully redeemed");

        Customer returning = customers.create();
        assertThat(order(returning, "stream-basic-monthly", null, TestCustomers.CARD_OK)
                        .status())
                .isEqualTo(201);
        String firstTime = promotionCode(tenPercent, ",\"firstTimeOnly\":true");
        assertCheckoutRefused(
                returning, "edge-pro-monthly", firstTime, firstTime + " is for first-time customers only");
        assertThat(order(customer, "edge-pro-monthly", firstTime, TestCustomers.CARD_OK)
                        .status())
                .isEqualTo(201);
    }

    @Test
    void theLastUseOfACodeGoesToOneOfSixRacingCheckouts() throws Exception {
        String coupon = coupon("{\"code\":\"%s\",\"percentOff\":25,\"duration\":\"once\"}");
        String code = promotionCode(coupon, ",\"maxRedemptions\":1");
        int clients = 6;
        List<Customer> buyers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            buyers.add(customers.create());
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ApiClient.Response>> responses = new ArrayList<>();
        for (Customer buyer : buyers) {
            responses.add(pool.submit(() -> {
                start.await();
                return order(buyer, "edge-pro-monthly", code, TestCustomers.CARD_OK);
            }));
        }
        start.countDown();
        int completed = 0;
        for (Future<ApiClient.Response> response : responses) {
            var r = response.get();
            if (r.status() == 201) {
                completed++;
            } else {
                assertThat(r.status()).as(r.body()).isEqualTo(400);
                assertThat(fieldError(r.json(), "promotionCode")).contains(code);
            }
        }
        pool.shutdown();
        assertThat(completed).isEqualTo(1);
        assertThat(jdbc.sql("select times_redeemed from promotion_code where code = :code")
                        .param("code", code)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from redemption r join promotion_code p on p.id = r.promotion_code_id"
                                + " where p.code = :code and r.released_at is null")
                        .param("code", code)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        // The five refused wrote no order.
        long orders = 0;
        for (Customer buyer : buyers) {
            orders += jdbc.sql("select count(*) from customer_order where account_id = :id")
                    .param("id", buyer.account().id().value())
                    .query(Long.class)
                    .single();
        }
        assertThat(orders).isEqualTo(1);
    }

    @Test
    void aDeclinedPaymentGivesItsUseOfTheCodeBack() {
        String coupon = coupon("{\"code\":\"%s\",\"percentOff\":25,\"duration\":\"once\"}");
        String code = promotionCode(coupon, ",\"maxRedemptions\":1");
        var declined = order(customers.create(), "edge-pro-monthly", code, TestCustomers.card("4000000000000002"));
        assertThat(declined.status()).as(declined.body()).isEqualTo(402);
        assertThat(find(
                                api.get("/api/v1/promotion-codes", TestCustomers.SERVICE_TOKEN)
                                        .json(),
                                code)
                        .path("timesRedeemed")
                        .asInt())
                .isZero();
        assertThat(order(customers.create(), "edge-pro-monthly", code, TestCustomers.CARD_OK)
                        .status())
                .isEqualTo(201);
    }

    @Test
    void aDiscountProratesWithAnUpgrade() {
        Instant bought = Instant.parse("2031-03-01T12:00:00Z");
        clock.set(bought);
        String coupon = coupon("{\"code\":\"%s\",\"percentOff\":50,\"duration\":\"forever\"}");
        Customer customer = customers.create("USD", "UTC");
        var order = order(customer, "edge-starter-monthly", promotionCode(coupon, ""), TestCustomers.CARD_OK);
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        String subscription = order.json().path("subscriptionId").asString();

        // 11 March: 21 of March's 31 days unused. Starter 20.00 credited for them (−13.55) less the half it was
        // discounted (+6.78), business 200.00 charged for them (135.48) less half (−67.74): 60.97.
        clock.set(Instant.parse("2031-03-11T12:00:00Z"));
        var preview = api.get(
                "/api/v1/subscriptions/" + subscription + "/change-quote?plan=edge-business-monthly",
                customer.apiKey());
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        List<String> lines = new ArrayList<>();
        preview.json()
                .path("prorationLines")
                .forEach(l -> lines.add(l.path("amount").path("amount").asString()));
        assertThat(lines).containsExactly("-13.55", "6.78", "135.48", "-67.74");
        assertThat(amount(preview.json(), "amountDueNow")).isEqualTo("60.97");
        var change = api.post(
                "/api/v1/subscriptions/" + subscription + "/change",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                "{\"plan\":\"edge-business-monthly\",\"expectedAmount\":\"60.97\"}");
        assertThat(change.status()).as(change.body()).isEqualTo(200);
        JsonNode invoices = await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/invoices", customer.apiKey()).json(), list -> list.size() == 2);
        JsonNode changeInvoice = invoices.get(0).path("periodStart").asString().equals(bought.toString())
                ? invoices.get(1)
                : invoices.get(0);
        assertThat(amount(changeInvoice, "total")).as(changeInvoice.toString()).isEqualTo("60.97");
        assertThat(amount(changeInvoice, "discount")).isEqualTo("60.96");
        assertThat(amount(changeInvoice, "subtotal")).isEqualTo("121.93");
    }

    @Test
    void staffGiveASubscriptionACouponFromItsNextInvoiceWithAReasonAndItIsAudited() {
        Customer customer = customers.create();
        var order = order(customer, "edge-pro-monthly", null, TestCustomers.CARD_OK);
        String subscription = order.json().path("subscriptionId").asString();
        String coupon = coupon("{\"code\":\"%s\",\"amountOff\":{\"USD\":\"15.00\"},\"duration\":\"once\"}");

        var noReason = api.post(
                "/api/v1/subscriptions/" + subscription + "/discount",
                TestCustomers.SERVICE_TOKEN,
                UUID.randomUUID().toString(),
                "{\"coupon\":\"" + coupon + "\"}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(fieldError(noReason.json(), "reason")).isNotNull();
        var byCustomer = api.post(
                "/api/v1/subscriptions/" + subscription + "/discount",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                "{\"coupon\":\"" + coupon + "\",\"reason\":\"me\"}");
        assertThat(byCustomer.status()).isEqualTo(403);

        var applied = api.post(
                "/api/v1/subscriptions/" + subscription + "/discount",
                TestCustomers.SERVICE_TOKEN,
                UUID.randomUUID().toString(),
                "{\"coupon\":\"" + coupon + "\",\"reason\":\"outage credit, ticket 4711\"}");
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        JsonNode current =
                api.get("/api/v1/subscriptions", customer.apiKey()).json().get(0);
        // Not on the period already paid: from the next invoice, for one period.
        assertThat(applied.json().path("startsAt").asString())
                .isEqualTo(current.path("currentPeriod").path("end").asString());
        assertThat(applied.json().path("description").asString()).isEqualTo(coupon + " ($15.00 off)");

        // The next invoice, as the run will issue it: 50.00 less 15.00.
        var upcoming = api.get("/api/v1/invoices/upcoming?subscription=" + subscription, customer.apiKey());
        assertThat(upcoming.status()).as(upcoming.body()).isEqualTo(200);
        assertThat(amount(upcoming.json(), "discount")).isEqualTo("15.00");
        assertThat(amount(upcoming.json(), "total")).isEqualTo("35.00");
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'COUPON_APPLIED' and target_id = :id"
                                + " and reason = 'outage credit, ticket 4711'")
                        .param("id", subscription)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    /**
     * A coupon for 3 periods, proven over time on a test clock: the first invoice and the next two are discounted, the
     * fourth and fifth are not, and revenue is recognised net of the discount in the months it was given.
     */
    @Test
    void aRepeatingCouponDiscountsItsThreePeriodsOnATestClockAndThenStops() {
        String coupon =
                coupon("{\"code\":\"%s\",\"percentOff\":20,\"duration\":\"repeating\",\"durationInPeriods\":3}");
        String code = promotionCode(coupon, "");
        ClockAccount account = onTestClock("2027-01-31T10:00:00Z", "America/New_York");
        String clockId = account.clockId();
        String key = account.apiKey();
        var order = orderOnClock(key, code);
        assertThat(order.status()).as(order.body()).isEqualTo(201);

        advance(clockId, "2027-06-15T00:00:00Z");
        java.util.Map<String, String> totals = new java.util.TreeMap<>();
        java.util.Map<String, String> discounts = new java.util.TreeMap<>();
        api.get("/api/v1/invoices", key).json().forEach(invoice -> {
            totals.put(invoice.path("periodStart").asString(), amount(invoice, "total"));
            discounts.put(invoice.path("periodStart").asString(), amount(invoice, "discount"));
        });
        assertThat(totals)
                .containsExactly(
                        java.util.Map.entry("2027-01-31T10:00:00Z", "40.00"),
                        java.util.Map.entry("2027-02-28T10:00:00Z", "40.00"),
                        java.util.Map.entry("2027-03-31T09:00:00Z", "40.00"),
                        java.util.Map.entry("2027-04-30T09:00:00Z", "50.00"),
                        java.util.Map.entry("2027-05-31T09:00:00Z", "50.00"));
        assertThat(discounts.values()).containsExactly("10.00", "10.00", "10.00", "0.00", "0.00");
        // Revenue: 3 × 40.00 + 2 × 50.00 over the five invoices, nothing of the discount recognised as revenue.
        assertThat(jdbc.sql("select coalesce(sum(amount_minor), 0) from revenue_schedule where account_id = :id")
                        .param("id", UUID.fromString(account.id()))
                        .query(Long.class)
                        .single())
                .isEqualTo(22000);
    }

    /**
     * A coupon that takes everything off: the order completes without a charge, its first invoice is paid at zero, and a
     * renewal on a test clock is issued at zero and paid without charging the card either.
     */
    @Test
    void aHundredPercentCouponCompletesTheOrderAndRenewsWithoutACharge() {
        String coupon = coupon("{\"code\":\"%s\",\"percentOff\":100,\"duration\":\"forever\"}");
        String code = promotionCode(coupon, "");
        ClockAccount account = onTestClock("2027-03-01T10:00:00Z", "UTC");
        String clockId = account.clockId();
        String key = account.apiKey();
        var order = orderOnClock(key, code);
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        assertThat(order.json().path("status").asString()).isEqualTo("completed");

        advance(clockId, "2027-04-15T00:00:00Z");
        JsonNode invoices = api.get("/api/v1/invoices", key).json();
        assertThat(invoices).hasSize(2);
        for (JsonNode invoice : invoices) {
            assertThat(amount(invoice, "total")).as(invoice.toString()).isEqualTo("0.00");
            assertThat(amount(invoice, "discount")).isEqualTo("50.00");
            assertThat(invoice.path("status").asString()).isEqualTo("paid");
        }
        assertThat(charges.paymentsOf(com.abacus.shared.AccountId.of(account.id())))
                .isEmpty();
    }

    record ClockAccount(String clockId, String id, String apiKey) {}

    /** An account with a customer key on a new test clock frozen at {@code frozenTime}. */
    private ClockAccount onTestClock(String frozenTime, String zone) {
        var testClock = api.post(
                "/api/v1/test-clocks",
                TestCustomers.SERVICE_TOKEN,
                UUID.randomUUID().toString(),
                "{\"name\":\"coupons\",\"frozenTime\":\"" + frozenTime + "\"}");
        assertThat(testClock.status()).as(testClock.body()).isEqualTo(201);
        String clockId = testClock.json().path("id").asString();
        var account = api.post(
                "/api/v1/accounts",
                TestCustomers.SERVICE_TOKEN,
                UUID.randomUUID().toString(),
                """
                {"email":"clock-%s@example.com","name":"Clock Customer","currency":"USD","timeZone":"%s",
                 "country":"US","testClockId":"%s","apiKey":true}""".formatted(UUID.randomUUID(), zone, clockId));
        assertThat(account.status()).as(account.body()).isEqualTo(201);
        return new ClockAccount(
                clockId,
                account.json().path("id").asString(),
                account.json().path("apiKey").asString());
    }

    private ApiClient.Response orderOnClock(String key, String code) {
        return api.post(
                "/api/v1/orders",
                key,
                UUID.randomUUID().toString(),
                "{\"plan\":\"edge-pro-monthly\",\"currency\":\"USD\",\"paymentMethod\":" + TestCustomers.CARD_OK
                        + ",\"promotionCode\":\"" + code + "\"}");
    }

    private void advance(String clockId, String to) {
        var started = api.post(
                "/api/v1/test-clocks/" + clockId + "/advance",
                TestCustomers.SERVICE_TOKEN,
                UUID.randomUUID().toString(),
                "{\"to\":\"" + to + "\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/api/v1/test-clocks/" + clockId, TestCustomers.SERVICE_TOKEN)
                        .json()
                        .path("status")
                        .asString()
                        .equals("ready"));
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private String coupon(String template) {
        String code = "C" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        var created = api.post(
                "/api/v1/coupons",
                TestCustomers.SERVICE_TOKEN,
                UUID.randomUUID().toString(),
                template.formatted(code));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return code;
    }

    private String promotionCode(String coupon, String more) {
        String code = "Promo" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        var created = api.post(
                "/api/v1/promotion-codes",
                TestCustomers.SERVICE_TOKEN,
                UUID.randomUUID().toString(),
                "{\"code\":\"" + code + "\",\"coupon\":\"" + coupon + "\"" + more + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return code;
    }

    private ApiClient.Response order(Customer customer, String plan, String promotionCode, String card) {
        String body = "{\"plan\":\"" + plan + "\",\"currency\":\"USD\",\"paymentMethod\":" + card
                + (promotionCode == null ? "" : ",\"promotionCode\":\"" + promotionCode + "\"") + "}";
        return api.post("/api/v1/orders", customer.apiKey(), UUID.randomUUID().toString(), body);
    }

    private void assertRefused(String template, String field) {
        var refused = api.post(
                "/api/v1/coupons",
                TestCustomers.SERVICE_TOKEN,
                UUID.randomUUID().toString(),
                template.formatted(UUID.randomUUID().toString().substring(0, 8)));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(fieldError(refused.json(), field)).as(refused.body()).isNotNull();
    }

    private void assertCheckoutRefused(Customer customer, String plan, String code, String message) {
        long orders = jdbc.sql("select count(*) from customer_order where account_id = :id")
                .param("id", customer.account().id().value())
                .query(Long.class)
                .single();
        var quote = api.get("/api/v1/quote?plan=" + plan + "&currency=USD&promotionCode=" + code, customer.apiKey());
        assertThat(quote.status()).as(quote.body()).isEqualTo(400);
        assertThat(fieldError(quote.json(), "promotionCode")).isEqualTo(message);
        var refused = order(customer, plan, code, TestCustomers.CARD_OK);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(fieldError(refused.json(), "promotionCode")).isEqualTo(message);
        assertThat(jdbc.sql("select count(*) from customer_order where account_id = :id")
                        .param("id", customer.account().id().value())
                        .query(Long.class)
                        .single())
                .isEqualTo(orders);
        assertThat(charges.paymentsOf(customer.account().id()).size()).isEqualTo((int) orders);
    }

    private JsonNode firstInvoice(Customer customer) {
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/invoices", customer.apiKey()).json(), list -> list.size() == 1)
                .get(0);
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private static String amount(JsonNode node, String field) {
        return node.path(field).path("amount").asString();
    }

    private static JsonNode find(JsonNode list, String code) {
        for (JsonNode item : list) {
            if (item.path("code").asString().equals(code)) {
                return item;
            }
        }
        throw new AssertionError(code + " not in " + list);
    }

    private static String fieldError(JsonNode problem, String field) {
        for (JsonNode error : problem.path("errors")) {
            if (error.path("field").asString().equals(field)) {
                return error.path("message").asString();
            }
        }
        return null;
    }
}
