package com.abacus.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.abacus.ApiClient;
import com.abacus.IntegrationTest;
import com.abacus.TestClock;
import com.abacus.TestCustomers;
import com.abacus.TestCustomers.Customer;
import com.abacus.invoicing.internal.InvoiceIssuer;
import com.abacus.payments.CardInput;
import com.abacus.payments.Cards;
import com.abacus.payments.Charges;
import com.abacus.payments.PaymentStatus;
import com.abacus.shared.Money;
import com.abacus.subscriptions.Subscription;
import com.abacus.subscriptions.SubscriptionId;
import com.abacus.subscriptions.SubscriptionStatus;
import com.abacus.subscriptions.Subscriptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class InvoicingIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestCustomers customers;

    @Autowired
    TestClock clock;

    @Autowired
    Invoicing invoicing;

    @Autowired
    InvoiceRuns invoiceRuns;

    @Autowired
    InvoiceIssuer issuer;

    @Autowired
    Subscriptions subscriptions;

    @Autowired
    Cards cards;

    @Autowired
    Charges charges;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    String buy(Customer customer, String plan) {
        var order = api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                TestCustomers.order(plan, customer.account().currency().getCurrencyCode(), TestCustomers.CARD_OK));
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        return order.json().path("subscriptionId").asString();
    }

    List<Invoice> invoicesOf(Customer customer) {
        return invoicing.invoices(customer.account().id());
    }

    /**
     * A Tokyo customer buying at 04:48 JST on 2 December (19:48 UTC on 1 December) reads the Tokyo day on the invoice
     * PDF, the plan's name, and yen as yen: "¥7,500", no decimals, never the minor-unit or ISO form.
     */
    @Test
    void checkoutIssuesThePaidFirstInvoiceWithItsPdf() throws Exception {
        clock.set(Instant.parse("2026-12-01T19:48:00Z"));
        Customer customer = customers.create("JPY", "Asia/Tokyo");
        buy(customer, "edge-pro-monthly");
        await().atMost(Duration.ofSeconds(10)).until(() -> invoicesOf(customer).size() == 1);

        Invoice invoice = invoicesOf(customer).get(0);
        assertThat(invoice.status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(invoice.number()).matches("INV-\\d{4}-\\d{6}");
        assertThat(invoice.total()).isEqualTo(Money.parse("7500", "JPY"));
        assertThat(invoice.lines()).extracting(InvoiceLine::kind).containsExactly(InvoiceLine.Kind.PLAN);

        var json =
                api.get("/api/v1/invoices/" + invoice.id(), customer.apiKey()).json();
        assertThat(json.path("total").path("amount").asString()).isEqualTo("7500");

        var pdf = api.get("/api/v1/invoices/" + invoice.id() + "/pdf", customer.apiKey());
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        String text = pdfText(api.bytes("/api/v1/invoices/" + invoice.id() + "/pdf", customer.apiKey()));
        assertThat(text)
                .contains(invoice.number())
                .contains("¥7,500")
                .contains("Edge Network Pro")
                .contains("Issued\n2 Dec 2026")
                .contains("2 Dec 2026 – 2 Jan 2027")
                .contains("Asia/Tokyo")
                .contains("PAID")
                .doesNotContain("edge-pro-monthly")
                .doesNotContain("1 Dec 2026")
                .doesNotContain("7500");
    }

    @Test
    void invoiceNumbersHaveNoGapsUnderConcurrencyAndRollbacks() throws Exception {
        Customer customer = customers.create();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            boolean rollBack = i % 4 == 0;
            int n = i;
            work.add(pool.submit(() -> {
                try {
                    transactions.executeWithoutResult(tx -> {
                        issuer.issue(new InvoiceIssuer.Draft(
                                customer.account().id(),
                                null,
                                "USD",
                                List.of(new InvoiceLine(
                                        0,
                                        InvoiceLine.Kind.PLAN,
                                        "edge",
                                        "x",
                                        "one-off",
                                        1,
                                        Money.parse("1.00", "USD"),
                                        Money.parse("1.00", "USD"),
                                        null,
                                        null)),
                                null,
                                null,
                                "test:gapless:" + UUID.randomUUID() + ":" + n,
                                null));
                        if (rollBack) {
                            throw new IllegalStateException("rolled back on purpose");
                        }
                    });
                } catch (IllegalStateException expected) {
                    // the number this transaction took goes back to the sequence
                }
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        assertThat(invoicesOf(customer)).hasSize(60);
        int year = java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear();
        List<Long> numbers = jdbc.sql(
                        "select cast(substring(number from 10) as bigint) from invoice where number like :prefix order by 1")
                .param("prefix", "INV-" + year + "-%")
                .query(Long.class)
                .list();
        assertThat(numbers.get(0)).isEqualTo(1L);
        assertThat(numbers.get(numbers.size() - 1)).isEqualTo((long) numbers.size());
    }

    @Test
    void renewalInvoicesEachPeriodExactlyOnce() {
        Customer customer = customers.create();
        String id = buy(customer, "edge-pro-monthly");
        Subscription subscription = subscriptions.get(SubscriptionId.of(id));

        clock.set(subscription.currentPeriod().end().plusSeconds(60));
        invoiceRuns.runNow(clock.instant(), "test").orElseThrow();
        invoiceRuns.runNow(clock.instant(), "test").orElseThrow();

        Subscription renewed = subscriptions.get(SubscriptionId.of(id));
        assertThat(renewed.currentPeriod().start())
                .isEqualTo(subscription.currentPeriod().end());
        List<Invoice> renewals = invoicesOf(customer).stream()
                .filter(i -> i.periodStart().equals(renewed.currentPeriod().start()))
                .toList();
        assertThat(renewals).hasSize(1);
        assertThat(renewals.get(0).status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(renewals.get(0).total()).isEqualTo(Money.parse("50.00", "USD"));
        assertThat(charges.paymentsOf(customer.account().id()))
                .filteredOn(p -> p.status() == PaymentStatus.SUCCEEDED)
                .hasSize(2);
    }

    /**
     * A batch whose transaction fails (here: one renewal in it was invoiced before, as by an instance that died after
     * invoicing) keeps nothing, and its subscriptions are renewed one by one: each is billed once, the earlier invoice is
     * the one collected, and the numbers the failed batch took went back to the series.
     */
    @Test
    void aFailedBatchIsRenewedOneByOneAndBillsEachSubscriptionOnce() {
        Customer first = customers.create();
        Customer second = customers.create();
        Subscription a = subscriptions.get(SubscriptionId.of(buy(first, "edge-starter-monthly")));
        Subscription b = subscriptions.get(SubscriptionId.of(buy(second, "edge-starter-monthly")));
        Instant next = b.currentPeriod().end();
        Money price = b.price();
        Invoice earlier = issuer.issue(new InvoiceIssuer.Draft(
                second.account().id(),
                b.id().toString(),
                "USD",
                List.of(new InvoiceLine(
                        0,
                        InvoiceLine.Kind.PLAN,
                        "edge",
                        b.planCode(),
                        "Renewal",
                        1,
                        price,
                        price,
                        next,
                        next.plus(Duration.ofDays(28)))),
                next,
                next.plus(Duration.ofDays(28)),
                "renewal:" + b.id() + ":" + next,
                null));
        assertThat(earlier.status()).isEqualTo(InvoiceStatus.FINALIZED);

        clock.set(max(a.currentPeriod().end(), next).plusSeconds(60));
        var run = invoiceRuns.runNow(clock.instant(), "test").orElseThrow();
        assertThat(run.failed()).isZero();

        for (var pair : List.of(java.util.Map.entry(first, a), java.util.Map.entry(second, b))) {
            Subscription renewed = subscriptions.get(pair.getValue().id());
            assertThat(renewed.currentPeriod().start())
                    .isEqualTo(pair.getValue().currentPeriod().end());
            List<Invoice> renewals = invoicesOf(pair.getKey()).stream()
                    .filter(i -> renewed.currentPeriod().start().equals(i.periodStart()))
                    .toList();
            assertThat(renewals).hasSize(1);
            assertThat(renewals.get(0).status()).isEqualTo(InvoiceStatus.PAID);
            assertThat(charges.paymentsOf(pair.getKey().account().id()))
                    .filteredOn(p -> p.status() == PaymentStatus.SUCCEEDED)
                    .hasSize(2);
        }
        assertThat(invoicesOf(second))
                .filteredOn(i -> i.id().equals(earlier.id()))
                .singleElement()
                .extracting(Invoice::status)
                .isEqualTo(InvoiceStatus.PAID);
        int year = clock.instant().atZone(java.time.ZoneOffset.UTC).getYear();
        List<Long> numbers = jdbc.sql(
                        "select cast(substring(number from 10) as bigint) from invoice where number like :prefix order by 1")
                .param("prefix", "INV-" + year + "-%")
                .query(Long.class)
                .list();
        assertThat(numbers.get(numbers.size() - 1)).isEqualTo((long) numbers.size());
    }

    private static Instant max(Instant one, Instant other) {
        return one.isAfter(other) ? one : other;
    }

    /** After an outage, one run catches every subscription up, each missed period billed once, past several batches. */
    @Test
    void oneRunCatchesUpSubscriptionsSeveralPeriodsBehind() {
        List<Customer> behind = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) { // the test profile's batch size is 5
            Customer customer = customers.create();
            behind.add(customer);
            ids.add(buy(customer, "edge-pro-monthly"));
        }
        Subscription first = subscriptions.get(SubscriptionId.of(ids.get(0)));
        Instant started = Instant.now();
        clock.set(first.currentPeriod().end().plus(Duration.ofDays(65)));

        InvoiceRun run = invoiceRuns.runNow(clock.instant(), "test-catch-up").orElseThrow();

        assertThat(run.status()).isEqualTo("COMPLETED");
        for (int i = 0; i < behind.size(); i++) {
            Subscription caughtUp = subscriptions.get(SubscriptionId.of(ids.get(i)));
            assertThat(caughtUp.currentPeriod().start()).isBeforeOrEqualTo(clock.instant());
            assertThat(caughtUp.currentPeriod().end()).isAfter(clock.instant());
            assertThat(invoicesOf(behind.get(i)))
                    .as("first invoice and three renewals")
                    .hasSize(4)
                    .extracting(Invoice::periodStart)
                    .doesNotHaveDuplicates();
        }
        // Every subscription in the shared test database renewed too; let their events settle before the next test.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.sql(
                                        "select count(*) from event_publication where completion_date is null and publication_date >= :started")
                                .param("started", java.sql.Timestamp.from(started))
                                .query(Integer.class)
                                .single()
                        == 0);
    }

    @Test
    void aKilledRunResumesAndBillsEverySubscriptionExactlyOnce() throws Exception {
        List<Customer> buyers = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Customer customer = customers.create();
            buyers.add(customer);
            ids.add(buy(customer, "stream-basic-monthly"));
        }
        Instant due = ids.stream()
                .map(id ->
                        subscriptions.get(SubscriptionId.of(id)).currentPeriod().end())
                .max(Instant::compareTo)
                .orElseThrow();
        clock.set(due.plusSeconds(60));

        ExecutorService killer = Executors.newSingleThreadExecutor();
        Future<?> run = killer.submit(() -> invoiceRuns.runNow(clock.instant(), "test-killed"));
        await().pollInterval(Duration.ofMillis(1))
                .atMost(Duration.ofSeconds(30))
                .until(() -> renewalCount(ids) >= 3);
        killer.shutdownNow();
        try {
            run.get();
        } catch (Exception interrupted) {
            // the run was killed mid-way
        }
        assertThat(renewalCount(ids)).isLessThan(ids.size());

        invoiceRuns.runNow(clock.instant(), "test-resume").orElseThrow();

        for (int i = 0; i < ids.size(); i++) {
            Subscription s = subscriptions.get(SubscriptionId.of(ids.get(i)));
            assertThat(s.periodIndex())
                    .as("subscription %s renewed once", s.id())
                    .isEqualTo(1);
            List<Invoice> renewal = invoicesOf(buyers.get(i)).stream()
                    .filter(inv -> inv.periodStart().equals(s.currentPeriod().start()))
                    .toList();
            assertThat(renewal).as("one renewal invoice for %s", s.id()).hasSize(1);
            assertThat(renewal.get(0).status()).isEqualTo(InvoiceStatus.PAID);
            assertThat(charges.paymentsOf(buyers.get(i).account().id()))
                    .filteredOn(p -> p.status() == PaymentStatus.SUCCEEDED)
                    .hasSize(2);
        }
    }

    long renewalCount(List<String> ids) {
        return jdbc.sql("select count(*) from subscription where period_index > 0 and id in (:ids)")
                .param("ids", ids.stream().map(UUID::fromString).toList())
                .query(Long.class)
                .single();
    }

    @Test
    void dunningRetriesThreeTimesOverSevenDaysThenCancels() {
        Customer customer = customers.create();
        String id = buy(customer, "edge-starter-monthly");
        cards.addCard(customer.account().id(), new CardInput("4000000000000002", 12, 2031, "123"));
        Subscription subscription = subscriptions.get(SubscriptionId.of(id));
        Instant periodEnd = subscription.currentPeriod().end();

        clock.set(periodEnd.plusSeconds(60));
        invoiceRuns.runNow(clock.instant(), "test");
        assertThat(subscriptions.get(subscription.id()).status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        Invoice invoice = invoicesOf(customer).stream()
                .filter(i -> i.status() == InvoiceStatus.FINALIZED)
                .findFirst()
                .orElseThrow();
        assertThat(invoice.attempts()).isEqualTo(1);
        assertThat(invoicing.dunningQueue()).extracting(Invoice::id).contains(invoice.id());

        for (int day : new int[] {1, 3, 7}) {
            clock.set(invoice.issuedAt().plus(Duration.ofDays(day)).plusSeconds(60));
            invoiceRuns.runNow(clock.instant(), "test");
        }
        Invoice written = invoicing.invoice(invoice.id());
        assertThat(written.status()).isEqualTo(InvoiceStatus.UNCOLLECTIBLE);
        assertThat(written.attempts()).isEqualTo(4);
        Subscription canceled = subscriptions.get(subscription.id());
        assertThat(canceled.status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(canceled.cancelReason()).isEqualTo("NON_PAYMENT");
        assertThat(charges.paymentsOf(customer.account().id()))
                .filteredOn(p -> p.status() == PaymentStatus.FAILED)
                .hasSize(4);
    }

    @Test
    void aRetryThatSucceedsReactivatesThePastDueSubscription() {
        Customer customer = customers.create();
        String id = buy(customer, "edge-starter-monthly");
        cards.addCard(customer.account().id(), new CardInput("4000000000009995", 12, 2031, "123"));
        Subscription subscription = subscriptions.get(SubscriptionId.of(id));
        clock.set(subscription.currentPeriod().end().plusSeconds(60));
        invoiceRuns.runNow(clock.instant(), "test");
        assertThat(subscriptions.get(subscription.id()).status()).isEqualTo(SubscriptionStatus.PAST_DUE);

        cards.addCard(customer.account().id(), new CardInput("4242424242424242", 12, 2031, "123"));
        Invoice invoice = invoicesOf(customer).stream()
                .filter(i -> i.status() == InvoiceStatus.FINALIZED)
                .findFirst()
                .orElseThrow();
        clock.set(invoice.issuedAt().plus(Duration.ofDays(1)).plusSeconds(60));
        invoiceRuns.runNow(clock.instant(), "test");

        assertThat(invoicing.invoice(invoice.id()).status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(subscriptions.get(subscription.id()).status()).isEqualTo(SubscriptionStatus.ACTIVE);
        // Paid after it was issued: revenue posts the payment from InvoicePaid (not from InvoiceFinalized), once.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("""
                        select count(*) from revenue_entry where source_id = :invoice and kind = 'PAID' and amount_minor = :total
                        """)
                                .param("invoice", invoice.id().value())
                                .param("total", invoice.total().minor())
                                .query(Integer.class)
                                .single()
                        == 1);
        assertThat(jdbc.sql("select count(*) from revenue_entry where source_id = :invoice and kind = 'BILLED'")
                        .param("invoice", invoice.id().value())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void usageIsIdempotentRatedInTiersCappedAndBilledInArrears() {
        Customer customer = customers.create();
        String id = buy(customer, "edge-pro-monthly");
        Subscription subscription = subscriptions.get(SubscriptionId.of(id));
        Instant during = subscription.currentPeriod().start().plus(Duration.ofDays(2));
        clock.set(during.plus(Duration.ofHours(1)));
        String batch = """
                {"events":[
                  {"id":"e1","metric":"image_transformations","quantity":600000,"timestamp":"%s"},
                  {"id":"e2","metric":"image_transformations","quantity":500000,"timestamp":"%s"},
                  {"id":"e1","metric":"image_transformations","quantity":600000,"timestamp":"%s"}
                ]}""".formatted(during, during, during);
        var first =
                api.post("/api/v1/usage", customer.apiKey(), UUID.randomUUID().toString(), batch);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("accepted").asInt()).isEqualTo(2);
        assertThat(first.json().path("duplicates").asInt()).isEqualTo(1);
        var again =
                api.post("/api/v1/usage", customer.apiKey(), UUID.randomUUID().toString(), batch);
        assertThat(again.json().path("accepted").asInt()).isZero();

        clock.set(subscription.currentPeriod().end().plusSeconds(60));
        invoiceRuns.runNow(clock.instant(), "test");

        Invoice renewal = invoicesOf(customer).stream()
                .filter(i -> i.periodStart().equals(subscription.currentPeriod().end()))
                .findFirst()
                .orElseThrow();
        InvoiceLine usage = renewal.lines().stream()
                .filter(l -> l.kind() == InvoiceLine.Kind.USAGE)
                .findFirst()
                .orElseThrow();
        // 1,100,000 units: first 100k free, next 900k at 0.50 per 1k = 450.00, last 100k at 0.30 per 1k = 30.00 ->
        // 480.00
        assertThat(usage.quantity()).isEqualTo(1_100_000);
        assertThat(usage.amount()).isEqualTo(Money.parse("480.00", "USD"));
        assertThat(usage.serviceEnd()).isEqualTo(subscription.currentPeriod().end());
        assertThat(renewal.total()).isEqualTo(Money.parse("530.00", "USD"));

        var late = api.post(
                "/api/v1/usage",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                "{\"events\":[{\"id\":\"late\",\"metric\":\"image_transformations\",\"quantity\":5,\"timestamp\":\""
                        + during + "\"}]}");
        assertThat(late.json().path("rejected").get(0).path("id").asString()).isEqualTo("late");
    }

    @Test
    void usageOverTheCapIsChargedTheCap() {
        Customer customer = customers.create();
        String id = buy(customer, "edge-business-monthly");
        Subscription subscription = subscriptions.get(SubscriptionId.of(id));
        Instant during = subscription.currentPeriod().start().plus(Duration.ofHours(5));
        clock.set(during.plus(Duration.ofHours(1)));
        api.post(
                "/api/v1/usage",
                TestCustomers.SERVICE_TOKEN,
                UUID.randomUUID().toString(),
                "{\"events\":[{\"id\":\"big\",\"accountId\":\"" + customer.id()
                        + "\",\"metric\":\"image_transformations\",\"quantity\":5000000,\"timestamp\":\"" + during
                        + "\"}]}");
        clock.set(subscription.currentPeriod().end().plusSeconds(60));
        invoiceRuns.runNow(clock.instant(), "test");
        Invoice renewal = invoicesOf(customer).stream()
                .filter(i -> i.periodStart().equals(subscription.currentPeriod().end()))
                .findFirst()
                .orElseThrow();
        InvoiceLine usage = renewal.lines().stream()
                .filter(l -> l.kind() == InvoiceLine.Kind.USAGE)
                .findFirst()
                .orElseThrow();
        assertThat(usage.amount()).isEqualTo(Money.parse("500.00", "USD"));
        assertThat(usage.description()).contains("capped");
    }

    @Test
    void annualPlansPayUsageMonthlyNotAtYearEnd() {
        Customer customer = customers.create();
        String id = buy(customer, "edge-pro-annual");
        Subscription subscription = subscriptions.get(SubscriptionId.of(id));
        Instant firstMonthEnd = com.abacus.subscriptions.BillingPeriods.month(
                        subscription.anchor(), subscription.timeZone(), 0)
                .end();
        clock.set(subscription.currentPeriod().start().plus(Duration.ofDays(4)));
        api.post(
                "/api/v1/usage",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                "{\"events\":[{\"id\":\"m1\",\"metric\":\"image_transformations\",\"quantity\":300000,\"timestamp\":\""
                        + subscription.currentPeriod().start().plus(Duration.ofDays(3)) + "\"}]}");

        clock.set(firstMonthEnd.plusSeconds(60));
        invoiceRuns.runNow(clock.instant(), "test");

        List<Invoice> usageInvoices = invoicesOf(customer).stream()
                .filter(i -> i.lines().stream().anyMatch(l -> l.kind() == InvoiceLine.Kind.USAGE))
                .toList();
        assertThat(usageInvoices).hasSize(1);
        assertThat(usageInvoices.get(0).total()).isEqualTo(Money.parse("100.00", "USD"));
        assertThat(usageInvoices.get(0).periodEnd()).isEqualTo(firstMonthEnd);
        assertThat(subscriptions.get(subscription.id()).periodIndex()).isZero();
    }

    static String pdfText(byte[] pdf) throws Exception {
        try (var document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
