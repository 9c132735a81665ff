package com.abacus.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.abacus.ApiClient;
import com.abacus.IntegrationTest;
import com.abacus.JournalChecks;
import com.abacus.TestCustomers;
import com.abacus.TestCustomers.Customer;
import com.abacus.invoicing.Invoice;
import com.abacus.invoicing.Invoicing;
import com.abacus.revenue.ExportFormat;
import com.abacus.revenue.Revenue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A customer's right of access (their personal data as JSON) and right to erasure: after erasure no table holds their
 * name or email, they can no longer sign in or use their keys, and their invoices and the revenue books are exactly
 * as before and still balance.
 */
@IntegrationTest
class PrivacyIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestCustomers customers;

    @Autowired
    Invoicing invoicing;

    @Autowired
    Revenue revenue;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Test
    void personalDataIsExportedAndErasedWhileInvoicesAndRevenueStayIntact() throws Exception {
        Customer customer = customers.create(
                "USD",
                "Europe/Berlin",
                "Zacharias Quellenmeyer-" + UUID.randomUUID().toString().substring(0, 6));
        String email = customer.account().email();
        String name = customer.account().name();
        ApiClient api = new ApiClient(port);
        assertThat(api.post(
                                "/api/v1/orders",
                                customer.apiKey(),
                                UUID.randomUUID().toString(),
                                TestCustomers.order("edge-pro-monthly", "USD", TestCustomers.CARD_OK))
                        .status())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !invoicing.invoices(customer.account().id()).isEmpty());
        String accountPath = "/admin/accounts/" + customer.id();

        // Right of access: ADMIN only.
        mvc.perform(get(accountPath + "/personal-data").with(user("agent").roles("SUPPORT")))
                .andExpect(status().isForbidden());
        String exported = mvc.perform(
                        get(accountPath + "/personal-data").with(user("root").roles("ADMIN")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        JsonNode data = JsonMapper.builder().build().readTree(exported);
        assertThat(data.path("email").asString()).isEqualTo(email);
        assertThat(data.path("name").asString()).isEqualTo(name);
        assertThat(data.path("invoices").get(0).asString())
                .isEqualTo(invoicing.invoices(customer.account().id()).get(0).number());
        assertThat(data.path("paymentMethods").get(0).asString()).endsWith("4242");
        assertThat(data.path("subscriptions").get(0).path("plan").asString()).isEqualTo("edge-pro-monthly");
        assertThat(data.path("payments").get(0).path("amount").asString()).isEqualTo("USD 50.00");

        List<Invoice> invoicesBefore = invoicing.invoices(customer.account().id());
        // Revenue posts from events after the order commits, into the first open period (another test may have closed
        // this month): wait for the billing and the payment to be in the books, then read that period's journal.
        String number = invoicesBefore.get(0).number();
        await().atMost(Duration.ofSeconds(10)).until(() -> postings(number) == 2);
        YearMonth month =
                YearMonth.from(jdbc.sql("select max(posting_period) from revenue_entry where reference = :number")
                        .param("number", number)
                        .query(java.sql.Date.class)
                        .single()
                        .toLocalDate());
        String journalBefore = journal(month);
        assertThat(journalBefore).contains("Paid " + number);

        // Right to erasure: ADMIN only, with a reason.
        mvc.perform(post(accountPath + "/erase")
                        .with(user("agent").roles("SUPPORT"))
                        .with(csrf())
                        .param("reason", "request"))
                .andExpect(status().isForbidden());
        mvc.perform(post(accountPath + "/erase")
                        .with(user("root").roles("ADMIN"))
                        .with(csrf())
                        .param("reason", "customer request #123"))
                .andExpect(status().is3xxRedirection());

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !invoicing
                        .invoices(customer.account().id())
                        .get(0)
                        .billedToEmail()
                        .equals(email));
        assertThat(tablesHolding(email)).as("tables still holding the email").isEmpty();
        assertThat(tablesHolding(name)).as("tables still holding the name").isEmpty();

        // Invoices: same numbers, same amounts; the revenue books unchanged apart from nothing, and balanced.
        List<Invoice> invoicesAfter = invoicing.invoices(customer.account().id());
        assertThat(invoicesAfter).hasSameSizeAs(invoicesBefore);
        for (int i = 0; i < invoicesBefore.size(); i++) {
            assertThat(invoicesAfter.get(i).number())
                    .isEqualTo(invoicesBefore.get(i).number());
            assertThat(invoicesAfter.get(i).total())
                    .isEqualTo(invoicesBefore.get(i).total());
            assertThat(invoicesAfter.get(i).lines())
                    .isEqualTo(invoicesBefore.get(i).lines());
        }
        String journalAfter = journal(month);
        assertThat(journalAfter).isEqualTo(journalBefore);
        JournalChecks.assertBalanced(journalAfter);
        JournalChecks.checkWithHledger(journalAfter);

        // The person is gone from the ways in.
        // Keys are revoked at once; instances that cached the lookup drop it within abacus.security.token-cache-ttl.
        await().atMost(Duration.ofSeconds(5))
                .until(() -> api.get("/api/v1/orders", customer.apiKey()).status() == 401);
        mvc.perform(formLogin("/login").userParameter("email").user(email).password("customer-password"))
                .andExpect(redirectedUrl("/login?error"));
        String after = mvc.perform(
                        get(accountPath + "/personal-data").with(user("root").roles("ADMIN")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(after).doesNotContain(email).doesNotContain(name).contains("erased");
        assertThat(jdbc.sql(
                                "select count(*) from audit_entry where action = 'PERSONAL_DATA_ERASED' and target_id = :id")
                        .param("id", customer.id())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    private int postings(String invoiceNumber) {
        return jdbc.sql("select count(*) from revenue_entry where reference = :number and kind in ('BILLED', 'PAID')")
                .param("number", invoiceNumber)
                .query(Integer.class)
                .single();
    }

    private String journal(YearMonth month) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        revenue.export(month, ExportFormat.JOURNAL, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Every text or JSON column of every table, searched for the value. */
    private List<String> tablesHolding(String value) {
        List<String> found = new ArrayList<>();
        var columns = jdbc.sql("""
                select table_name, column_name from information_schema.columns
                where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'json')
                """)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
        for (String[] column : columns) {
            Integer hits = jdbc.sql("select count(*) from " + column[0] + " where position(lower(:v) in lower("
                            + column[1] + "::text)) > 0")
                    .param("v", value)
                    .query(Integer.class)
                    .single();
            if (hits > 0) {
                found.add(column[0] + "." + column[1]);
            }
        }
        return found;
    }
}
