package com.abacus.payments;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.abacus.ApiClient;
import com.abacus.IntegrationTest;
import com.abacus.TestClock;
import com.abacus.TestCustomers;
import com.abacus.TestCustomers.Customer;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** What the customer reads about PayPal and SEPA on the site: their methods, the mandate, the sandbox's PayPal page. */
@IntegrationTest
class PaymentMethodPagesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    TestCustomers customers;

    @Autowired
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private MockHttpSession signIn(Customer customer) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login")
                        .userParameter("email")
                        .user(customer.account().email())
                        .password("customer-password"))
                .andReturn()
                .getRequest()
                .getSession();
    }

    @Test
    void theAccountPageNamesTheMandateAndTheMandatePageShowsWhatWasAccepted() throws Exception {
        clock.set(java.time.Instant.parse("2026-12-02T10:30:00Z"));
        Customer customer = customers.create("EUR", "Europe/Berlin");
        var api = new ApiClient(port);
        var placed = api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                TestCustomers.order(
                        "edge-pro-monthly",
                        "EUR",
                        "{\"sepaDebit\":{\"iban\":\"DE89370400440532013000\",\"mandateAccepted\":true}}"));
        String methodId = api.get("/api/v1/payment-methods", customer.apiKey())
                .json()
                .get(0)
                .path("id")
                .asString();
        String reference = api.get("/api/v1/payment-methods", customer.apiKey())
                .json()
                .get(0)
                .path("mandate")
                .path("reference")
                .asString();

        MockHttpSession session = signIn(customer);
        mvc.perform(get("/account").session(session))
                .andExpect(status().isOk())
                .andExpect(
                        content().string(containsString("SEPA Direct Debit DE •••• 3000 (mandate " + reference + ")")))
                .andExpect(content().string(not(containsString("null"))));
        mvc.perform(get("/account/payment-methods/" + methodId + "/mandate").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Mandate " + reference)))
                .andExpect(
                        content().string(containsString("Abacus Billing Ltd (creditor identifier DE98ZZZ09999999999)")))
                .andExpect(content().string(containsString("DE •••• 3000")))
                .andExpect(content().string(containsString("2 Dec 2026, 11:30 CET")))
                .andExpect(content().string(containsString("You are entitled to a refund from your bank")));

        Customer other = customers.create("EUR", "Europe/Berlin");
        mvc.perform(get("/account/payment-methods/" + methodId + "/mandate").session(signIn(other)))
                .andExpect(status().isNotFound());
    }

    @Test
    void theSandboxPayPalPageAsksForApprovalAndSendsTheCustomerBackToTheOrder() throws Exception {
        Customer customer = customers.create("GBP", "Europe/London");
        var api = new ApiClient(port);
        var placed = api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                TestCustomers.order("edge-pro-monthly", "GBP", "{\"paypal\":{}}"));
        String path = URI.create(placed.json().path("nextAction").path("url").asString())
                .getPath();
        String orderId = placed.json().path("id").asString();

        MockHttpSession session = signIn(customer);
        mvc.perform(get(path).session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Approve and pay")))
                .andExpect(content().string(containsString("£")));
        mvc.perform(get(path).session(signIn(customers.create("GBP", "Europe/London"))))
                .andExpect(status().isNotFound());
        mvc.perform(post(path + "/approve").session(session).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/orders/" + orderId));
        // Back on the page after approving: the link was used.
        mvc.perform(get(path).session(session)).andExpect(status().isConflict());
        mvc.perform(get("/account").session(session))
                .andExpect(content().string(containsString("PayPal")))
                .andExpect(content().string(not(containsString("null •••• null"))));
    }

    @Test
    void theConsoleShowsEachMethodWithItsStatusAndFiltersPaymentsByMethod() throws Exception {
        Customer customer = customers.create("EUR", "Europe/Berlin");
        var api = new ApiClient(port);
        api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                TestCustomers.order(
                        "edge-pro-monthly",
                        "EUR",
                        "{\"sepaDebit\":{\"iban\":\"DE89370400440532013000\",\"mandateAccepted\":true}}"));
        api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                TestCustomers.order("stream-basic-monthly", "EUR", TestCustomers.CARD_OK));
        var staff = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(
                        "support-sue")
                .roles("SUPPORT");
        String page = "/admin/accounts/" + customer.id();
        mvc.perform(get(page).with(staff))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("sepa_debit · active · SEPA Direct Debit DE •••• 3000")))
                .andExpect(content().string(containsString("card · active · Visa •••• 4242")))
                .andExpect(content().string(containsString("Subscription to Edge Network Pro")))
                .andExpect(content().string(containsString("Subscription to Stream")));
        mvc.perform(get(page).param("method", "sepa_debit").with(staff))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Subscription to Edge Network Pro")))
                .andExpect(content().string(not(containsString("Subscription to Stream"))));
        mvc.perform(get(page).param("method", "card").with(staff))
                .andExpect(content().string(not(containsString("Subscription to Edge Network Pro"))))
                .andExpect(content().string(containsString("Subscription to Stream")));
        mvc.perform(get(page).param("method", "bitcoin").with(staff)).andExpect(status().isBadRequest());
    }
}
