package com.abacus.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.abacus.ApiClient;
import com.abacus.IntegrationTest;
import com.abacus.TestClock;
import com.abacus.TestCustomers;
import com.abacus.TestCustomers.Customer;
import com.abacus.invoicing.Invoice;
import com.abacus.invoicing.InvoiceRuns;
import com.abacus.invoicing.InvoiceStatus;
import com.abacus.invoicing.Invoicing;
import com.abacus.payments.CardInput;
import com.abacus.payments.Cards;
import com.abacus.subscriptions.SubscriptionId;
import com.abacus.subscriptions.SubscriptionStatus;
import com.abacus.subscriptions.Subscriptions;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The dunning queue's actions in the console: retry now, pause, write off. Each needs a reason, is refused to support
 * staff, ends with the invoice paid, rescheduled or written off, and is in the audit log.
 */
@IntegrationTest
class DunningConsoleIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    TestCustomers customers;

    @Autowired
    TestClock clock;

    @Autowired
    Cards cards;

    @Autowired
    Invoicing invoicing;

    @Autowired
    InvoiceRuns invoiceRuns;

    @Autowired
    Subscriptions subscriptions;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A customer whose renewal was declined: its invoice is in dunning, its subscription past due. */
    record Behind(Customer customer, SubscriptionId subscription, Invoice invoice) {}

    Behind behind() {
        Customer customer = customers.create();
        var order = new ApiClient(port)
                .post(
                        "/api/v1/orders",
                        customer.apiKey(),
                        UUID.randomUUID().toString(),
                        TestCustomers.order("edge-starter-monthly", "USD", TestCustomers.CARD_OK));
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        SubscriptionId id =
                SubscriptionId.of(order.json().path("subscriptionId").asString());
        cards.addCard(customer.account().id(), new CardInput("4000000000009995", 12, 2031, "123"));
        clock.set(subscriptions.get(id).currentPeriod().end().plusSeconds(60));
        invoiceRuns.runNow(clock.instant(), "test");
        Invoice invoice = invoicing.invoices(customer.account().id()).stream()
                .filter(i -> i.status() == InvoiceStatus.FINALIZED)
                .findFirst()
                .orElseThrow();
        assertThat(invoicing.dunningQueue()).extracting(Invoice::id).contains(invoice.id());
        return new Behind(customer, id, invoice);
    }

    String action(Behind behind, String action) {
        return "/admin/billing/dunning/" + behind.invoice().id() + "/" + action;
    }

    long audited(String action, Invoice invoice) {
        return jdbc.sql("select count(*) from audit_entry where action = :a and target_id = :n and actor = 'admin-ada'")
                .param("a", action)
                .param("n", invoice.number())
                .query(Long.class)
                .single();
    }

    @Test
    void retryNowWithAWorkingCardPaysTheInvoiceAndReactivates() throws Exception {
        Behind behind = behind();
        cards.addCard(behind.customer().account().id(), new CardInput("4242424242424242", 12, 2031, "123"));
        mvc.perform(post(action(behind, "retry"))
                        .with(AdminConsoleIntegrationTests.support())
                        .with(csrf())
                        .param("reason", "customer updated card"))
                .andExpect(status().isForbidden());
        mvc.perform(post(action(behind, "retry"))
                        .with(AdminConsoleIntegrationTests.admin())
                        .with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("data-field=\"reason\"")));
        mvc.perform(post(action(behind, "retry"))
                        .with(AdminConsoleIntegrationTests.admin())
                        .with(csrf())
                        .param("reason", "customer updated card"))
                .andExpect(status().is3xxRedirection());
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> invoicing.invoice(behind.invoice().id()).status() == InvoiceStatus.PAID);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> subscriptions.get(behind.subscription()).status() == SubscriptionStatus.ACTIVE);
        assertThat(audited("DUNNING_RETRY", behind.invoice())).isEqualTo(1);
    }

    @Test
    void pauseMovesTheNextAttemptAndWriteOffForgivesTheDebt() throws Exception {
        Behind behind = behind();
        mvc.perform(post(action(behind, "pause"))
                        .with(AdminConsoleIntegrationTests.admin())
                        .with(csrf())
                        .param("reason", "customer on holiday")
                        .param("days", "7"))
                .andExpect(status().is3xxRedirection());
        assertThat(invoicing.invoice(behind.invoice().id()).nextAttemptAt())
                .isEqualTo(clock.instant().plus(Duration.ofDays(7)));
        mvc.perform(post(action(behind, "pause"))
                        .with(AdminConsoleIntegrationTests.admin())
                        .with(csrf())
                        .param("reason", "forever")
                        .param("days", "400"))
                .andExpect(status().isBadRequest());

        mvc.perform(post(action(behind, "write-off"))
                        .with(AdminConsoleIntegrationTests.admin())
                        .with(csrf())
                        .param("reason", "goodwill after outage"))
                .andExpect(status().is3xxRedirection());
        assertThat(invoicing.invoice(behind.invoice().id()).status()).isEqualTo(InvoiceStatus.UNCOLLECTIBLE);
        assertThat(subscriptions.get(behind.subscription()).status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(invoicing.dunningQueue())
                .extracting(Invoice::id)
                .doesNotContain(behind.invoice().id());
        assertThat(audited("DUNNING_PAUSE", behind.invoice())).isEqualTo(1);
        assertThat(audited("DUNNING_WRITE_OFF", behind.invoice())).isEqualTo(1);
        // Written off is where it ends: a second write-off is refused, nothing changes.
        mvc.perform(post(action(behind, "write-off"))
                        .with(AdminConsoleIntegrationTests.admin())
                        .with(csrf())
                        .param("reason", "again"))
                .andExpect(status().isConflict());
        mvc.perform(get("/admin/billing").with(AdminConsoleIntegrationTests.admin()))
                .andExpect(status().isOk());
    }
}
