package com.abacus.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.abacus.IntegrationTest;
import com.abacus.TestCustomers;
import com.abacus.invoicing.Invoicing;
import com.abacus.subscriptions.Subscriptions;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** The customer's journey on the site: plans, checkout, confirmation, account, change preview, cancel, undo. */
@IntegrationTest
class CustomerPagesIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestCustomers customers;

    @Autowired
    Subscriptions subscriptions;

    @Autowired
    Invoicing invoicing;

    @Test
    void aCustomerBuysSeesTheAccountAndPreviewsAnUpgrade() throws Exception {
        var customer = customers.create("EUR", "Europe/Berlin");
        mvc.perform(get("/plans").param("currency", "EUR"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("€47.00")));
        mvc.perform(get("/checkout").param("plan", "edge-pro-monthly").param("currency", "EUR"))
                .andExpect(status().is3xxRedirection());

        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin("/login")
                        .userParameter("email")
                        .user(customer.account().email())
                        .password("customer-password"))
                .andReturn()
                .getRequest()
                .getSession();
        mvc.perform(get("/checkout")
                        .param("plan", "edge-starter-monthly")
                        .param("currency", "EUR")
                        .session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Pay €19.00")))
                .andExpect(content().string(containsString("4000000000009995")));

        String declined = mvc.perform(post("/checkout")
                        .session(session)
                        .with(csrf())
                        .param("plan", "edge-starter-monthly")
                        .param("currency", "EUR")
                        .param("cardNumber", "4000000000000002")
                        .param("expMonth", "12")
                        .param("expYear", "2031")
                        .param("cvc", "123")
                        .param("key", UUID.randomUUID().toString()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(declined).contains("declined");

        String location = mvc.perform(post("/checkout")
                        .session(session)
                        .with(csrf())
                        .param("plan", "edge-starter-monthly")
                        .param("currency", "EUR")
                        .param("cardNumber", "4242 4242 4242 4242")
                        .param("expMonth", "12")
                        .param("expYear", "2031")
                        .param("cvc", "123")
                        .param("key", UUID.randomUUID().toString()))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        assertThat(location).startsWith("/orders/");
        mvc.perform(get(location).session(session))
                .andExpect(content().string(containsString("you're all set")))
                .andExpect(content().string(containsString("Load balancers: 1")));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !invoicing.invoices(customer.account().id()).isEmpty());
        String invoice = invoicing.invoices(customer.account().id()).get(0).number();
        mvc.perform(get("/account").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Edge Network Starter")))
                .andExpect(content().string(containsString(invoice)));

        String subscription =
                subscriptions.forAccount(customer.account().id()).get(0).id().toString();
        mvc.perform(get("/account/subscriptions/" + subscription + "/change")
                        .param("plan", "edge-pro-monthly")
                        .header("HX-Request", "true")
                        .session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Confirm and pay €")))
                .andExpect(content().string(containsString("Unused time on Edge Network Starter")));

        mvc.perform(post("/account/subscriptions/" + subscription + "/cancel")
                        .session(session)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/account").session(session)).andExpect(content().string(containsString("Ends on")));
        mvc.perform(post("/account/subscriptions/" + subscription + "/undo")
                        .session(session)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(subscriptions.forAccount(customer.account().id()).get(0).cancelAtPeriodEnd())
                .isFalse();

        var pdf = mvc.perform(get("/account/invoices/"
                                + invoicing
                                        .invoices(customer.account().id())
                                        .get(0)
                                        .id() + ".pdf")
                        .session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse();
        assertThat(pdf.getContentType()).isEqualTo("application/pdf");
    }

    @Test
    void anotherCustomersInvoicePdfIsNotFound() throws Exception {
        var alice = customers.create();
        var bob = customers.create();
        var api = new com.abacus.ApiClient(0);
        MockHttpSession bobSession = (MockHttpSession) mvc.perform(formLogin("/login")
                        .userParameter("email")
                        .user(bob.account().email())
                        .password("customer-password"))
                .andReturn()
                .getRequest()
                .getSession();
        mvc.perform(post("/checkout")
                .session(bobSession)
                .with(csrf())
                .param("plan", "stream-basic-monthly")
                .param("currency", "USD")
                .param("cardNumber", "4242424242424242")
                .param("expMonth", "12")
                .param("expYear", "2031")
                .param("cvc", "123")
                .param("key", UUID.randomUUID().toString()));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !invoicing.invoices(bob.account().id()).isEmpty());
        MockHttpSession aliceSession = (MockHttpSession) mvc.perform(formLogin("/login")
                        .userParameter("email")
                        .user(alice.account().email())
                        .password("customer-password"))
                .andReturn()
                .getRequest()
                .getSession();
        mvc.perform(get("/account/invoices/"
                                + invoicing.invoices(bob.account().id()).get(0).id() + ".pdf")
                        .session(aliceSession))
                .andExpect(status().isNotFound());
        assertThat(api).isNotNull();
    }
}
