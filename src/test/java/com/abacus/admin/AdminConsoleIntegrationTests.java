package com.abacus.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.abacus.ApiClient;
import com.abacus.IntegrationTest;
import com.abacus.TestCustomers;
import com.abacus.TestCustomers.Customer;
import com.abacus.invoicing.Invoicing;
import com.abacus.payments.Charges;
import com.abacus.payments.Payment;
import com.abacus.payments.Refunds;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The console's pages render for the roles that may use them and are refused (on the server) for the others. */
@IntegrationTest
class AdminConsoleIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestCustomers customers;

    @Autowired
    Charges charges;

    @Autowired
    Refunds refunds;

    @Autowired
    Invoicing invoicing;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    static RequestPostProcessor support() {
        return user("agent-sam").roles("SUPPORT");
    }

    static RequestPostProcessor finance() {
        return user("fin-fiona").roles("FINANCE");
    }

    static RequestPostProcessor admin() {
        return user("admin-ada").roles("ADMIN", "SUPPORT", "FINANCE");
    }

    Customer paidCustomer(String plan) {
        Customer customer = customers.create();
        var order = new ApiClient(port)
                .post(
                        "/api/v1/orders",
                        customer.apiKey(),
                        UUID.randomUUID().toString(),
                        TestCustomers.order(plan, "USD", TestCustomers.CARD_OK));
        assertThat(order.status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !invoicing.invoices(customer.account().id()).isEmpty());
        return customer;
    }

    @Test
    void everyPageRendersForItsRole() throws Exception {
        Customer customer = paidCustomer("edge-pro-monthly");
        mvc.perform(get("/admin").with(support())).andExpect(status().isOk());
        mvc.perform(get("/admin/accounts")
                        .param("q", customer.account().email())
                        .with(support()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(org.hamcrest.Matchers.containsString(
                                customer.account().name())));
        mvc.perform(get("/admin/accounts")
                        .param("q", customer.account().email())
                        .header("HX-Request", "true")
                        .with(support()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("<html"))));
        String invoiceNumber =
                invoicing.invoices(customer.account().id()).get(0).number();
        mvc.perform(get("/admin/accounts").param("q", invoiceNumber).with(support()))
                .andExpect(content()
                        .string(org.hamcrest.Matchers.containsString(
                                customer.account().email())));
        mvc.perform(get("/admin/accounts/" + customer.id()).with(support()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("plan:edge-pro-monthly")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString(invoiceNumber)));
        mvc.perform(get("/admin/payments/migration").with(support())).andExpect(status().isOk());
        mvc.perform(get("/admin/catalog").with(support())).andExpect(status().isOk());
        mvc.perform(get("/admin/audit").with(support())).andExpect(status().isOk());
        mvc.perform(get("/admin/billing").with(admin())).andExpect(status().isOk());
        mvc.perform(get("/admin/finance").with(finance())).andExpect(status().isOk());
        mvc.perform(get("/admin/invoices/"
                                + invoicing
                                        .invoices(customer.account().id())
                                        .get(0)
                                        .id() + ".pdf")
                        .with(support()))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/pdf"));
    }

    @Test
    void forbiddenActionsAreRefusedOnTheServer() throws Exception {
        mvc.perform(get("/admin/billing").with(support())).andExpect(status().isForbidden());
        mvc.perform(get("/admin/finance").with(support())).andExpect(status().isForbidden());
        mvc.perform(get("/admin/accounts").with(finance())).andExpect(status().isForbidden());
        mvc.perform(post("/admin/payments/migration/dial")
                        .param("percent", "50")
                        .param("reason", "try")
                        .with(support())
                        .with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/payments/migration/dial")
                        .param("percent", "50")
                        .param("reason", "try")
                        .with(finance())
                        .with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/finance/periods/2020-01/close").with(support()).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/billing/runs").with(finance()).with(csrf())).andExpect(status().isForbidden());
        // ...and without a CSRF token even the right role is refused.
        mvc.perform(post("/admin/payments/migration/dial")
                        .param("percent", "0")
                        .param("reason", "x")
                        .with(admin()))
                .andExpect(status().isForbidden());
    }

    @Test
    void supportRefundsPartOfAPaymentThroughTheConsole() throws Exception {
        Customer customer = paidCustomer("edge-pro-monthly");
        Payment payment = charges.paymentsOf(customer.account().id()).get(0);
        String key = UUID.randomUUID().toString();

        mvc.perform(get("/admin/payments/" + payment.id() + "/refund")
                        .header("HX-Request", "true")
                        .with(support()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Review refund")));
        mvc.perform(post("/admin/payments/" + payment.id() + "/refund/review")
                        .header("HX-Request", "true")
                        .param("amount", "20.00")
                        .param("reason", "")
                        .param("key", key)
                        .with(support())
                        .with(csrf()))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("reason is required")));
        mvc.perform(post("/admin/payments/" + payment.id() + "/refund/review")
                        .header("HX-Request", "true")
                        .param("amount", "20.00")
                        .param("reason", "Outage credit")
                        .param("key", key)
                        .with(support())
                        .with(csrf()))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Refund now")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("legacy processor")));
        for (int click = 0; click < 2; click++) {
            mvc.perform(post("/admin/payments/" + payment.id() + "/refunds")
                            .header("HX-Request", "true")
                            .param("amount", "20.00")
                            .param("reason", "Outage credit")
                            .param("key", key)
                            .with(support())
                            .with(csrf()))
                    .andExpect(status().isOk())
                    .andExpect(content().string(org.hamcrest.Matchers.containsString("succeeded")));
        }
        assertThat(refunds.refunds(payment.id())).hasSize(1);
        assertThat(charges.payment(payment.id()).refunded().toPlainString()).isEqualTo("20.00");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> invoicing.creditNotes(customer.account().id()).size() == 1);
        mvc.perform(get("/admin/accounts/" + customer.id()).with(support()))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("REFUND_ISSUED")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("CN-")));
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'REFUND_ISSUED' and account_id = :a")
                        .param("a", customer.account().id().value())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void supportIsLimitedToSmallRefundsAndAdminIsNot() throws Exception {
        Customer customer = paidCustomer("edge-business-monthly");
        Payment payment = charges.paymentsOf(customer.account().id()).get(0);
        mvc.perform(post("/admin/payments/" + payment.id() + "/refunds")
                        .header("HX-Request", "true")
                        .param("amount", "150.00")
                        .param("reason", "big")
                        .param("key", UUID.randomUUID().toString())
                        .with(support())
                        .with(csrf()))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("need an ADMIN")));
        assertThat(refunds.refunds(payment.id())).isEmpty();
        mvc.perform(post("/admin/payments/" + payment.id() + "/refunds")
                        .header("HX-Request", "true")
                        .param("amount", "150.00")
                        .param("reason", "big")
                        .param("key", UUID.randomUUID().toString())
                        .with(admin())
                        .with(csrf()))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("succeeded")));
        mvc.perform(post("/admin/payments/" + payment.id() + "/refunds")
                        .header("HX-Request", "true")
                        .param("amount", "60.00")
                        .param("reason", "too much")
                        .param("key", UUID.randomUUID().toString())
                        .with(admin())
                        .with(csrf()))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("At most USD 50.00")));
    }

    /** Three refunds of 40 by SUPPORT on a 200 payment: the limit of 100 holds for their total, not for each. */
    @Test
    void supportsLimitHoldsForTheTotalRefundedOnAPayment() throws Exception {
        Customer customer = paidCustomer("edge-business-monthly");
        Payment payment = charges.paymentsOf(customer.account().id()).get(0);
        for (int refund = 0; refund < 2; refund++) {
            mvc.perform(post("/admin/payments/" + payment.id() + "/refunds")
                            .header("HX-Request", "true")
                            .param("amount", "40.00")
                            .param("reason", "goodwill")
                            .param("key", UUID.randomUUID().toString())
                            .with(support())
                            .with(csrf()))
                    .andExpect(content().string(org.hamcrest.Matchers.containsString("succeeded")));
        }
        mvc.perform(post("/admin/payments/" + payment.id() + "/refund/review")
                        .header("HX-Request", "true")
                        .param("amount", "40.00")
                        .param("reason", "goodwill")
                        .param("key", UUID.randomUUID().toString())
                        .with(support())
                        .with(csrf()))
                .andExpect(
                        content()
                                .string(
                                        org.hamcrest.Matchers.containsString(
                                                "SUPPORT may refund at most USD 100.00 in total per payment (USD 80.00 refunded so far)")));
        mvc.perform(post("/admin/payments/" + payment.id() + "/refunds")
                        .header("HX-Request", "true")
                        .param("amount", "40.00")
                        .param("reason", "goodwill")
                        .param("key", UUID.randomUUID().toString())
                        .with(support())
                        .with(csrf()))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("larger refunds need an ADMIN")));
        assertThat(charges.payment(payment.id()).refunded().toPlainString()).isEqualTo("80.00");
        // What is left under the limit still goes through; ADMIN is not limited.
        mvc.perform(post("/admin/payments/" + payment.id() + "/refunds")
                        .header("HX-Request", "true")
                        .param("amount", "20.00")
                        .param("reason", "goodwill")
                        .param("key", UUID.randomUUID().toString())
                        .with(support())
                        .with(csrf()))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("succeeded")));
        mvc.perform(post("/admin/payments/" + payment.id() + "/refunds")
                        .header("HX-Request", "true")
                        .param("amount", "40.00")
                        .param("reason", "escalated")
                        .param("key", UUID.randomUUID().toString())
                        .with(admin())
                        .with(csrf()))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("succeeded")));
        assertThat(charges.payment(payment.id()).refunded().toPlainString()).isEqualTo("140.00");
    }

    /** Two SUPPORT agents refund 60 each on the same payment at the same moment: together they would pass 100. */
    @Test
    void twoSupportAgentsRefundingAtOnceCannotSplitTheLimit() throws Exception {
        Customer customer = paidCustomer("edge-business-monthly");
        Payment payment = charges.paymentsOf(customer.account().id()).get(0);
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
        for (String agent : List.of("agent-a", "agent-b")) {
            answers.add(pool.submit(() -> {
                start.await();
                return mvc.perform(post("/admin/payments/" + payment.id() + "/refunds")
                                .header("HX-Request", "true")
                                .param("amount", "60.00")
                                .param("reason", "race")
                                .param("key", UUID.randomUUID().toString())
                                .with(user(agent).roles("SUPPORT"))
                                .with(csrf()))
                        .andReturn()
                        .getResponse()
                        .getContentAsString();
            }));
        }
        start.countDown();
        List<String> pages = new java.util.ArrayList<>();
        for (var answer : answers) {
            pages.add(answer.get());
        }
        pool.shutdown();
        assertThat(pages)
                .filteredOn(page -> page.contains("larger refunds need an ADMIN"))
                .hasSize(1);
        assertThat(charges.payment(payment.id()).refunded().toPlainString()).isEqualTo("60.00");
        assertThat(refunds.refunds(payment.id())).hasSize(1);
    }

    @Test
    void trialsFromTheConsoleAreLiveOnTheEntitlementApiAtOnce() throws Exception {
        Customer customer = customers.create();
        mvc.perform(post("/admin/accounts/" + customer.id() + "/trials")
                        .header("HX-Request", "true")
                        .param("plan", "edge-business-monthly")
                        .param("days", "7")
                        .param("reason", "Enterprise evaluation")
                        .with(support())
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("trial:")));
        var entitlements = new ApiClient(port)
                .get(
                        "/internal/v1/accounts/" + customer.id() + "/entitlements/load_balancers",
                        TestCustomers.SERVICE_TOKEN);
        assertThat(entitlements.json().path("limit").asLong()).isEqualTo(20);
        assertThat(entitlements.json().path("source").asString()).startsWith("trial:");
    }

    @Test
    void theAuditTrailCannotBeEdited() {
        jdbc.sql(
                        "insert into audit_entry (at, actor, roles, action, target_type, target_id) values (now(), 'x', 'r', 'TEST', 't', '1')")
                .update();
        assertThatThrownBy(() -> jdbc.sql("update audit_entry set actor = 'someone else' where action = 'TEST'")
                        .update())
                .hasMessageContaining("cannot be changed");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_entry where action = 'TEST'")
                        .update())
                .hasMessageContaining("cannot be changed");
    }
}
