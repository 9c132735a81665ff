package com.abacus.revenue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.abacus.ApiClient;
import com.abacus.IntegrationTest;
import com.abacus.JournalChecks;
import com.abacus.TestClock;
import com.abacus.TestCustomers;
import com.abacus.TestCustomers.Customer;
import com.abacus.accounts.StaffDirectory;
import com.abacus.accounts.StaffRole;
import com.abacus.accounts.TokenScope;
import com.abacus.invoicing.InvoiceLine;
import com.abacus.invoicing.Invoicing;
import com.abacus.invoicing.internal.InvoiceIssuer;
import com.abacus.payments.Charges;
import com.abacus.payments.Payment;
import com.abacus.payments.RefundRequest;
import com.abacus.payments.Refunds;
import com.abacus.shared.Money;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Flow 8 and the recognition rules: annual plan spread by day, refund reversed, close, identical re-export. */
@IntegrationTest
class RevenueIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestCustomers customers;

    @Autowired
    TestClock clock;

    @Autowired
    Revenue revenue;

    @Autowired
    Charges charges;

    @Autowired
    Refunds refunds;

    @Autowired
    Invoicing invoicing;

    @Autowired
    InvoiceIssuer issuer;

    @Autowired
    StaffDirectory staff;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void annualRevenueIsRecognisedByDayRefundsReverseAndClosedPeriodsNeverChange() throws Exception {
        ApiClient api = new ApiClient(port);
        clock.set(Instant.parse("2031-01-15T10:00:00Z"));
        Customer customer = customers.create("USD", "UTC");
        var order = api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                TestCustomers.order("edge-pro-annual", "USD", TestCustomers.CARD_OK));
        assertThat(order.status()).isEqualTo(201);
        String account = customer.id();
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduleTotal(account, "INVOICE") == 50_000);

        // Refund 100.00 in March: January and February were recognised (refund), March on is still deferred (reduced).
        clock.set(Instant.parse("2031-03-10T09:00:00Z"));
        Payment payment = charges.paymentsOf(customer.account().id()).get(0);
        refunds.refund(new RefundRequest(
                payment.id(),
                Money.parse("100.00", "USD"),
                "Customer unhappy",
                "test",
                UUID.randomUUID().toString()));
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduleTotal(account, "CREDIT_NOTE") == -10_000);

        closeEverythingBefore(YearMonth.of(2031, 3));

        // January: 17 of 365 days of 500.00, round(50000 × 17 / 365) = 2329 -> 23.29
        String january = export(YearMonth.of(2031, 1), ExportFormat.CSV);
        assertThat(lineOf(january, account))
                .isEqualTo("2031-01," + account + ",edge,subscription,USD,23.29,0.00,23.29,0.00");
        assertThat(export(YearMonth.of(2031, 1), ExportFormat.CSV)).isEqualTo(january);
        assertThat(sha256(january))
                .isEqualTo(revenue.checksum(YearMonth.of(2031, 1), ExportFormat.CSV)
                        .orElseThrow());

        // March: the refund of recognised January and February revenue is reported here, in the open period.
        String march = export(YearMonth.of(2031, 3), ExportFormat.CSV);
        String marchLine = lineOf(march, account);
        BigDecimal refunds = new BigDecimal(marchLine.split(",")[6]);
        // Jan+Feb recognised 17+28 days = 45/365 of 500.00 ~ 61.6; a fifth of that is refunded.
        assertThat(refunds).isBetween(new BigDecimal("-12.40"), new BigDecimal("-12.20"));
        // The rest of the refund took back deferred revenue (March on): shown in March too, so the split adds up to it.
        BigDecimal ofDeferred = new BigDecimal(marchLine.split(",")[8]);
        assertThat(refunds.add(ofDeferred)).isEqualByComparingTo("-100.00");
        // ...and not in a month before the refund.
        assertThat(lineOf(export(YearMonth.of(2031, 2), ExportFormat.CSV), account))
                .endsWith(",0.00");

        // A late charge for January service lands in March, and January's export stays byte for byte the same.
        clock.set(Instant.parse("2031-03-11T09:00:00Z"));
        issuer.issue(new InvoiceIssuer.Draft(
                customer.account().id(),
                null,
                "USD",
                List.of(new InvoiceLine(
                        0,
                        InvoiceLine.Kind.USAGE,
                        "edge",
                        "late",
                        "Late January usage",
                        1,
                        Money.parse("9.99", "USD"),
                        Money.parse("9.99", "USD"),
                        Instant.parse("2031-01-01T00:00:00Z"),
                        Instant.parse("2031-02-01T00:00:00Z"))),
                null,
                null,
                "test:late:" + UUID.randomUUID(),
                null));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> export(YearMonth.of(2031, 3), ExportFormat.CSV).contains(",edge,usage,USD,9.99,"));
        assertThat(export(YearMonth.of(2031, 1), ExportFormat.CSV)).isEqualTo(january);

        // The roll-forward chains: opening + billed - recognised - reversed = closing, and January's closing opens
        // February.
        Map<String, String[]> janRoll = rollForward(YearMonth.of(2031, 1));
        Map<String, String[]> febRoll = rollForward(YearMonth.of(2031, 2));
        for (String[] row : janRoll.values()) {
            assertThat(new BigDecimal(row[2])
                            .add(new BigDecimal(row[3]))
                            .subtract(new BigDecimal(row[4]))
                            .subtract(new BigDecimal(row[5])))
                    .isEqualByComparingTo(new BigDecimal(row[6]));
        }
        assertThat(febRoll.get("USD")[2]).isEqualTo(janRoll.get("USD")[6]);

        // The journal balances, entry by entry and commodity by commodity, and an accounting tool agrees.
        String journal = export(YearMonth.of(2031, 3), ExportFormat.JOURNAL);
        JournalChecks.assertBalanced(journal);
        assertThat(journal)
                .contains("Revenue:Refunds")
                .contains("Liabilities:DeferredRevenue")
                .doesNotContain("@example.com");
        JournalChecks.checkWithHledger(journal);

        // Exports carry ids, never names or emails.
        assertThat(january + march)
                .doesNotContain(customer.account().email())
                .doesNotContain(customer.account().name() + ",");

        // Over HTTP: a closed period carries its checksum.
        staff.createStaffUser("rev-finance", "Finance", "finance-password", Set.of(StaffRole.FINANCE));
        var response = api.get(
                "/api/v1/revenue/exports/2031-01?format=csv",
                null,
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString("rev-finance:finance-password".getBytes()));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(january);
        assertThat(response.header("X-Checksum-SHA256")).isEqualTo(sha256(january));
        assertThat(response.header("X-Period-Status")).isEqualTo("closed");
    }

    /** A close through the API is in the audit log like one from the console: who, with which role, which month. */
    /**
     * Usage of May invoiced on 1 June while May is still open: May recognises it against unbilled receivables (a
     * contract asset), not deferred revenue, and June's invoice settles that asset; the roll-forward shows both balances.
     */
    @Test
    void revenueRecognisedBeforeItsInvoiceExistsIsAnUnbilledReceivable() throws Exception {
        clock.set(Instant.parse("2033-06-01T08:00:00Z"));
        Customer customer = customers.create("GBP", "UTC");
        issuer.issue(new InvoiceIssuer.Draft(
                customer.account().id(),
                null,
                "GBP",
                List.of(new InvoiceLine(
                        0,
                        InvoiceLine.Kind.USAGE,
                        "edge",
                        "image-transformations",
                        "May image transformations",
                        1,
                        Money.parse("31.00", "GBP"),
                        Money.parse("31.00", "GBP"),
                        Instant.parse("2033-05-01T00:00:00Z"),
                        Instant.parse("2033-06-01T00:00:00Z"))),
                null,
                null,
                "test:unbilled:" + UUID.randomUUID(),
                null));
        String account = customer.id();
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduleTotal(account, "INVOICE") == 3_100);

        String may = export(YearMonth.of(2033, 5), ExportFormat.JOURNAL);
        assertThat(may)
                .contains("Recognised usage revenue 2033-05, not yet billed")
                .containsPattern("Assets:UnbilledReceivables\\s+GBP 31.00")
                .containsPattern("Revenue:Usage\\s+GBP -31.00")
                .doesNotContainPattern("Liabilities:DeferredRevenue\\s+GBP 31.00");
        String june = export(YearMonth.of(2033, 6), ExportFormat.JOURNAL);
        assertThat(june)
                .containsPattern("Assets:AccountsReceivable\\s+GBP 31.00")
                .containsPattern("Assets:UnbilledReceivables\\s+GBP -31.00");
        JournalChecks.assertBalanced(may);
        JournalChecks.assertBalanced(june);
        JournalChecks.checkWithHledger(may + june);

        // period,currency,opening_deferred,billed,recognized,reversed,closing_deferred,opening_unbilled,
        // recognized_unbilled,billed_unbilled,closing_unbilled
        String[] mayRoll = rollForward(YearMonth.of(2033, 5)).get("GBP");
        assertThat(mayRoll[4]).as("recognised against deferred revenue").isEqualTo("0.00");
        assertThat(mayRoll[8]).as("recognised before billing").isEqualTo("31.00");
        assertThat(mayRoll[10]).as("unbilled at the end of May").isEqualTo("31.00");
        String[] juneRoll = rollForward(YearMonth.of(2033, 6)).get("GBP");
        assertThat(juneRoll[3]).as("billed into deferred revenue").isEqualTo("0.00");
        assertThat(juneRoll[7]).as("June opens with May's unbilled").isEqualTo("31.00");
        assertThat(juneRoll[9]).as("billed against unbilled").isEqualTo("31.00");
        assertThat(juneRoll[10]).isEqualTo("0.00");
        assertThat(juneRoll[6]).as("no deferred revenue left negative").isEqualTo(juneRoll[2]);
    }

    @Test
    void closingAMonthThroughTheApiIsAudited() {
        clock.set(Instant.parse("2031-05-10T09:00:00Z"));
        closeEverythingBefore(YearMonth.of(2031, 4));
        String user = "rev-closer-" + UUID.randomUUID().toString().substring(0, 8);
        staff.createStaffUser(user, "Closer", "closer-password", Set.of(StaffRole.FINANCE));
        var closed = new ApiClient(port)
                .post(
                        "/api/v1/revenue/periods/2031-04/close",
                        null,
                        UUID.randomUUID().toString(),
                        "",
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString((user + ":closer-password").getBytes()));
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        var entry = jdbc.sql("select actor, roles, detail from audit_entry where action = 'PERIOD_CLOSED'"
                        + " and target_id = '2031-04'")
                .query((rs, n) -> List.of(rs.getString("actor"), rs.getString("roles"), rs.getString("detail")))
                .list();
        assertThat(entry).hasSize(1);
        assertThat(entry.get(0).get(0)).isEqualTo(user);
        assertThat(entry.get(0).get(1)).isEqualTo("ROLE_FINANCE");
        assertThat(entry.get(0).get(2)).startsWith("csv ");
    }

    @Test
    void exportsAreForFinanceAndRevenueTokensOnly() {
        ApiClient api = new ApiClient(port);
        staff.createStaffUser("rev-support", "Support", "support-password", Set.of(StaffRole.SUPPORT));
        staff.registerServiceToken("rev-export", "abs_test_revenue_only", List.of(TokenScope.REVENUE_EXPORT));
        staff.registerServiceToken("rev-ents", "abs_test_entitlements_only", List.of(TokenScope.ENTITLEMENTS_READ));
        assertThat(api.get("/api/v1/revenue/exports/2026-01?format=csv", "abs_test_revenue_only")
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/revenue/exports/2026-01?format=csv", "abs_test_entitlements_only")
                        .status())
                .isEqualTo(403);
        assertThat(api.get(
                                "/api/v1/revenue/exports/2026-01?format=csv",
                                null,
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder().encodeToString("rev-support:support-password".getBytes()))
                        .status())
                .isEqualTo(403);
        var bad = api.get("/api/v1/revenue/exports/2026-13?format=csv", "abs_test_revenue_only");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(api.get("/api/v1/revenue/exports/2026-01?format=xls", "abs_test_revenue_only")
                        .status())
                .isEqualTo(400);
    }

    long scheduleTotal(String account, String kind) {
        return jdbc.sql(
                        "select coalesce(sum(amount_minor), 0) from revenue_schedule where account_id = cast(:a as uuid) and source_kind = :k")
                .param("a", account)
                .param("k", kind)
                .query(Long.class)
                .single();
    }

    void closeEverythingBefore(YearMonth until) {
        for (RevenuePeriod period : revenue.periods()) {
            if (!period.closed() && period.period().isBefore(until)) {
                revenue.close(period.period(), "test");
            }
        }
        for (YearMonth m = YearMonth.of(2031, 1); m.isBefore(until); m = m.plusMonths(1)) {
            revenue.close(m, "test");
        }
    }

    String export(YearMonth period, ExportFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        revenue.export(period, format, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    Map<String, String[]> rollForward(YearMonth period) {
        Map<String, String[]> rows = new HashMap<>();
        export(period, ExportFormat.ROLLFORWARD).lines().skip(1).forEach(l -> rows.put(l.split(",")[1], l.split(",")));
        return rows;
    }

    static String lineOf(String csv, String account) {
        return csv.lines().filter(l -> l.contains(account)).findFirst().orElseThrow();
    }

    static String sha256(String text) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
