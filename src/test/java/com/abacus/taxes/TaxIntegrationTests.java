package com.abacus.taxes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.abacus.ApiClient;
import com.abacus.IntegrationTest;
import com.abacus.JournalChecks;
import com.abacus.TestClock;
import com.abacus.TestCustomers;
import com.abacus.invoicing.TaxReports;
import com.abacus.payments.Charges;
import com.abacus.payments.Payment;
import com.abacus.payments.RefundRequest;
import com.abacus.payments.Refunds;
import com.abacus.revenue.ExportFormat;
import com.abacus.revenue.Revenue;
import com.abacus.shared.Money;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Tax end to end through the API: the account's billing address and tax id decide it, checkout charges it, the invoice
 * shows it per line and per rate, a credit note reverses it in proportion, and the journal owes it to the jurisdiction.
 */
@IntegrationTest
class TaxIntegrationTests {

    private static final Instant NOW = Instant.parse("2032-02-10T10:00:00Z");

    /** A card still valid in 2032, the month these tests run in (a month no other test closes). */
    private static final String CARD = TestCustomers.CARD_OK.replace("2031", "2036");

    @LocalServerPort
    int port;

    @Autowired
    TestCustomers customers;

    @Autowired
    TestClock clock;

    @Autowired
    Charges charges;

    @Autowired
    Refunds refunds;

    @Autowired
    Revenue revenue;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TaxReports taxReports;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        clock.set(NOW);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static final String GERMAN_ADDRESS = """
            {"billingAddress": {"line1": "Unter den Linden 1", "city": "Berlin", "postalCode": "10117", "country": "de"},
             "reason": "moved"}""";

    @Test
    void aGermanConsumerPaysGermanVatAndTheInvoiceJournalAndCreditNoteCarryIt() throws Exception {
        var reportBefore = report("DE", "19");
        var customer = customers.create("EUR", "Europe/Berlin");
        var changed = api.patch("/api/v1/accounts/" + customer.id(), customer.apiKey(), GERMAN_ADDRESS);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().path("billingAddress").path("country").asString())
                .isEqualTo("DE");

        var quote = api.get("/api/v1/quote?plan=edge-pro-monthly&currency=EUR", customer.apiKey());
        assertThat(quote.status()).isEqualTo(200);
        assertThat(quote.json().path("subtotal").path("amount").asString()).isEqualTo("47.00");
        assertThat(quote.json().path("tax").path("amount").asString()).isEqualTo("8.93");
        assertThat(quote.json().path("total").path("amount").asString()).isEqualTo("55.93");
        var order = api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                TestCustomers.order("edge-pro-monthly", "EUR", CARD));
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        // 47.00 + 19% = 47.00 + 8.93 is what the card paid.
        Payment payment = charges.paymentsOf(customer.account().id()).get(0);
        assertThat(payment.amount()).isEqualTo(Money.parse("55.93", "EUR"));

        JsonNode invoice = await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/invoices", customer.apiKey()).json(), list -> list.size() == 1)
                .get(0);
        assertThat(invoice.path("subtotal").path("amount").asString())
                .as(invoice.toString())
                .isEqualTo("47.00");
        assertThat(invoice.path("tax").path("amount").asString()).isEqualTo("8.93");
        assertThat(invoice.path("total").path("amount").asString()).isEqualTo("55.93");
        assertThat(invoice.path("billedToAddress").toString())
                .contains("Unter den Linden 1", "10117 Berlin", "Germany");
        JsonNode row = invoice.path("taxBreakdown").get(0);
        assertThat(row.path("jurisdiction").asString()).isEqualTo("DE");
        assertThat(row.path("rate").asString()).isEqualTo("19");
        assertThat(row.path("taxable").path("amount").asString()).isEqualTo("47.00");
        assertThat(row.path("reverseCharge").asBoolean()).isFalse();
        JsonNode line = invoice.path("lines").get(0);
        assertThat(line.path("tax").path("amount").asString()).isEqualTo("8.93");
        assertThat(line.path("taxRule").asString()).isEqualTo("DE VAT 19% from 2021-01-01");

        // The PDF: seller, buyer's address, the line's rate and tax, the summary per rate.
        byte[] pdf = api.bytes("/api/v1/invoices/" + invoice.path("id").asString() + "/pdf", customer.apiKey());
        // Kept for a person to look at (pdftoppm target/tax-invoice-de.pdf).
        java.nio.file.Files.write(java.nio.file.Path.of("target", "tax-invoice-de.pdf"), pdf);
        String text;
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
        }
        assertThat(text)
                .contains("Abacus Billing Ltd", "Tax number IE3668997OH", "Unter den Linden 1", "10117 Berlin")
                .contains("19%", "€8.93", "Subtotal (net)", "€47.00", "€55.93", "DE VAT 19%", "prices exclude tax");

        // Revenue is the net; the tax is owed to Germany.
        String invoiceId = invoice.path("id").asString();
        await().atMost(Duration.ofSeconds(10)).until(() -> billed(invoiceId) != null);
        var billed = billed(invoiceId);
        assertThat(billed).containsExactly(5593L, 4700L, 893L, "DE");

        // Half the money back: half the tax goes back with it (27.97 of 55.93 holds 4.47 of tax: 27.97 × 893 / 5593).
        refunds.refund(new RefundRequest(
                payment.id(),
                Money.parse("27.97", "EUR"),
                "Goodwill " + UUID.randomUUID(),
                "test",
                UUID.randomUUID().toString()));
        JsonNode note = await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/credit-notes", customer.apiKey()).json(), list -> list.size() == 1)
                .get(0);
        assertThat(note.path("tax").path("amount").asString()).isEqualTo("4.47");

        String journal = export(YearMonth.from(NOW.atZone(java.time.ZoneOffset.UTC)));
        assertThat(journal)
                .containsPattern("Liabilities:TaxPayable:DE +EUR -8\\.93")
                .containsPattern("Liabilities:DeferredRevenue +EUR -47\\.00")
                .containsPattern("Liabilities:TaxPayable:DE +EUR 4\\.47")
                .containsPattern("Liabilities:DeferredRevenue +EUR 23\\.50");
        JournalChecks.assertBalanced(journal);
        JournalChecks.checkWithHledger(journal);

        // The month's tax report: the invoice less its credit note (47.00 − 23.50 net, 8.93 − 4.47 tax).
        var reportAfter = report("DE", "19");
        assertThat(reportAfter[0] - reportBefore[0]).isEqualTo(2350);
        assertThat(reportAfter[1] - reportBefore[1]).isEqualTo(446);
        assertThat(reportAfter[2] - reportBefore[2]).isZero();
    }

    @Test
    void aFrenchBusinessWithAVatNumberViesVerifiedIsReverseCharged() {
        var reportBefore = report("FR", "0");
        var customer = customers.create("EUR", "Europe/Paris");
        var changed = api.patch("/api/v1/accounts/" + customer.id(), TestCustomers.SERVICE_TOKEN, """
                {"billingAddress": {"line1": "1 rue de Rivoli", "city": "Paris", "postalCode": "75001", "country": "FR"},
                 "taxId": {"type": "eu_vat", "value": "FR 40 303 265 045"}}""");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().path("taxId").path("value").asString()).isEqualTo("FR40303265045");
        assertThat(changed.json().path("taxId").path("status").asString()).isEqualTo("verified");

        var order = api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                TestCustomers.order("edge-pro-monthly", "EUR", CARD));
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        JsonNode invoice = await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/invoices", customer.apiKey()).json(), list -> list.size() == 1)
                .get(0);
        assertThat(invoice.path("total").path("amount").asString()).isEqualTo("47.00");
        assertThat(invoice.path("tax").path("amount").asString()).isEqualTo("0.00");
        assertThat(invoice.path("taxNote").asString()).contains("Reverse charge", "Article 196");
        assertThat(invoice.path("billedToTaxId").asString()).isEqualTo("FR40303265045");
        JsonNode row = invoice.path("taxBreakdown").get(0);
        assertThat(row.path("reverseCharge").asBoolean()).isTrue();
        assertThat(row.path("taxable").path("amount").asString()).isEqualTo("47.00");

        // Reported as reverse charged, not as taxable.
        var reportAfter = report("FR", "0");
        assertThat(reportAfter[2] - reportBefore[2]).isEqualTo(4700);
        assertThat(reportAfter[0] - reportBefore[0]).isZero();
    }

    @Test
    void aTokyoConsumersYenPriceIncludesConsumptionTaxAndTheInvoiceShowsIt() {
        var customer = customers.create("JPY", "Asia/Tokyo");
        var changed = api.patch("/api/v1/accounts/" + customer.id(), customer.apiKey(), """
                {"billingAddress": {"line1": "1-1 Marunouchi", "city": "Chiyoda-ku, Tokyo", "postalCode": "100-0005",
                 "country": "JP"}}""");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        var order = api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                TestCustomers.order("stream-plus-monthly", "JPY", CARD));
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        // The price is what is charged: ¥3,750 holds ¥341 of consumption tax (3,750 ÷ 1.1 = 3,409.09 → net ¥3,409).
        assertThat(charges.paymentsOf(customer.account().id()).get(0).amount()).isEqualTo(Money.parse("3750", "JPY"));
        JsonNode invoice = await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/invoices", customer.apiKey()).json(), list -> list.size() == 1)
                .get(0);
        assertThat(invoice.path("total").path("amount").asString()).isEqualTo("3750");
        assertThat(invoice.path("tax").path("amount").asString()).isEqualTo("341");
        assertThat(invoice.path("subtotal").path("amount").asString()).isEqualTo("3409");
        assertThat(invoice.path("lines").get(0).path("taxInclusive").asBoolean())
                .isTrue();
        assertThat(invoice.path("taxBreakdown").get(0).path("jurisdiction").asString())
                .isEqualTo("JP");
    }

    /**
     * A plan marked {@code tax_inclusive} in the catalog (Stream Plus) is priced with tax in every currency: a German
     * consumer pays the euro price and it holds the VAT; an exclusive plan's price in the same currency does not.
     */
    @Test
    void aTaxInclusivePlansEuroPriceHoldsTheVatAndAnExclusivePlansDoesNot() {
        var customer = customers.create("EUR", "Europe/Berlin");
        var changed = api.patch("/api/v1/accounts/" + customer.id(), customer.apiKey(), GERMAN_ADDRESS);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        // €24.00 holds 19% VAT: 24.00 ÷ 1.19 = 20.168 → net €20.17, tax €3.83.
        var quote = api.get("/api/v1/quote?plan=stream-plus-monthly&currency=EUR", customer.apiKey());
        assertThat(quote.json().path("total").path("amount").asString()).isEqualTo("24.00");
        assertThat(quote.json().path("tax").path("amount").asString()).isEqualTo("3.83");
        assertThat(quote.json().path("subtotal").path("amount").asString()).isEqualTo("20.17");
        // Stream Basic is not marked: €5.00 plus 19% = €5.95.
        var exclusive = api.get("/api/v1/quote?plan=stream-basic-monthly&currency=EUR", customer.apiKey());
        assertThat(exclusive.json().path("total").path("amount").asString()).isEqualTo("5.95");

        var order = api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                TestCustomers.order("stream-plus-monthly", "EUR", CARD));
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        assertThat(charges.paymentsOf(customer.account().id()).get(0).amount()).isEqualTo(Money.parse("24.00", "EUR"));
        JsonNode invoice = await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/invoices", customer.apiKey()).json(), list -> list.size() == 1)
                .get(0);
        assertThat(invoice.path("total").path("amount").asString()).isEqualTo("24.00");
        assertThat(invoice.path("tax").path("amount").asString()).isEqualTo("3.83");
        assertThat(invoice.path("subtotal").path("amount").asString()).isEqualTo("20.17");
        JsonNode line = invoice.path("lines").get(0);
        assertThat(line.path("taxInclusive").asBoolean()).isTrue();
        assertThat(line.path("amount").path("amount").asString()).isEqualTo("24.00");
        assertThat(invoice.path("taxBreakdown")
                        .get(0)
                        .path("taxable")
                        .path("amount")
                        .asString())
                .isEqualTo("20.17");
    }

    @Test
    void badBillingDetailsAreRefusedNamingTheFieldAndNothingIsKept() {
        var customer = customers.create("EUR", "Europe/Berlin");
        String path = "/api/v1/accounts/" + customer.id();

        var noCountry = api.patch(path, customer.apiKey(), """
                {"billingAddress": {"line1": "Somewhere 1", "city": "Berlin"}}""");
        assertThat(noCountry.status()).isEqualTo(400);
        assertThat(noCountry.contentType()).startsWith("application/problem+json");
        assertThat(noCountry.body()).contains("billingAddress.country");

        var malformed = api.patch(path, customer.apiKey(), """
                {"billingAddress": {"country": "DE"}, "taxId": {"type": "eu_vat", "value": "DE12345678"}}""");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body()).contains("taxId.value");

        var notRegistered = api.patch(path, customer.apiKey(), """
                {"taxId": {"type": "eu_vat", "value": "DE123450000"}}""");
        assertThat(notRegistered.status()).isEqualTo(400);
        assertThat(notRegistered.body()).contains("taxId.value", "not a registered VAT number");

        var stateMissing = api.patch(path, customer.apiKey(), """
                {"billingAddress": {"country": "CA", "city": "Toronto"}}""");
        assertThat(stateMissing.status()).isEqualTo(400);
        assertThat(stateMissing.body()).contains("billingAddress.state");

        // Nothing of the refused changes was kept, not even the valid address beside the malformed VAT number.
        var account = api.get(path, customer.apiKey());
        assertThat(account.json().path("billingAddress").isNull()).isTrue();
        assertThat(account.json().path("taxId").isNull()).isTrue();

        // Another customer's account does not exist for this one.
        var other = customers.create("EUR", "Europe/Berlin");
        assertThat(api.patch("/api/v1/accounts/" + other.id(), customer.apiKey(), GERMAN_ADDRESS)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void everyChangeIsAuditedWithWhoAndWhat() {
        var customer = customers.create("EUR", "Europe/Berlin");
        api.patch("/api/v1/accounts/" + customer.id(), customer.apiKey(), GERMAN_ADDRESS);
        var opened = api.post(
                "/api/v1/accounts",
                TestCustomers.SERVICE_TOKEN,
                UUID.randomUUID().toString(),
                """
                {"email": "tax-%s@example.com", "name": "Tax GmbH", "currency": "EUR", "timeZone": "Europe/Vienna",
                 "billingAddress": {"city": "Wien", "country": "AT"}, "taxId": {"type": "eu_vat", "value": "ATU12345678"}}
                """.formatted(UUID.randomUUID()));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        assertThat(opened.json().path("taxId").path("status").asString()).isEqualTo("verified");

        var entries = jdbc.sql("""
                        select account_id::text || ' ' || reason || ' ' || detail from audit_entry
                        where action = 'BILLING_DETAILS_CHANGED' and account_id in (:a, :b) order by id""")
                .param("a", customer.account().id().value())
                .param("b", UUID.fromString(opened.json().path("id").asString()))
                .query(String.class)
                .list();
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0)).contains("moved", "address: none → Unter den Linden 1, 10117 Berlin, Germany");
        assertThat(entries.get(1)).contains("account opened", "tax id: none → eu_vat ATU12345678");
    }

    private java.util.List<Object> billed(String invoiceId) {
        return jdbc.sql("""
                        select amount_minor, deferred_minor, tax_minor, tax_jurisdiction from revenue_entry
                        where source_id = :id and kind = 'BILLED'""")
                .param("id", UUID.fromString(invoiceId))
                .query((rs, n) ->
                        java.util.List.<Object>of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4)))
                .optional()
                .orElse(null);
    }

    /** This month's report row for a jurisdiction and rate in EUR: taxable, tax, reverse charged (minor units). */
    private long[] report(String jurisdiction, String rate) {
        return taxReports.month(YearMonth.of(2032, 2), java.time.ZoneOffset.UTC).stream()
                .filter(r -> r.jurisdiction().equals(jurisdiction)
                        && r.rate().compareTo(new java.math.BigDecimal(rate)) == 0
                        && r.currency().equals("EUR"))
                .findFirst()
                .map(r -> new long[] {r.taxableMinor(), r.taxMinor(), r.reverseChargedMinor()})
                .orElse(new long[] {0, 0, 0});
    }

    private String export(YearMonth period) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        revenue.export(period, ExportFormat.JOURNAL, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
