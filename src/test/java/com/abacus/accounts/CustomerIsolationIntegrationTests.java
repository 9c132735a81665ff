package com.abacus.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.abacus.ApiClient;
import com.abacus.IntegrationTest;
import com.abacus.TestCustomers;
import com.abacus.TestCustomers.Customer;
import com.abacus.invoicing.Invoicing;
import com.abacus.subscriptions.Subscription;
import com.abacus.subscriptions.SubscriptionId;
import com.abacus.subscriptions.Subscriptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Customer A holds a valid session and API key and knows the ids of customer B's order, subscription, invoice and
 * card. Every customer endpoint that takes an id answers A with 404 (not 403: A does not learn that the id exists),
 * every list shows A only A's own, and B's subscription is exactly as it was.
 */
@IntegrationTest
class CustomerIsolationIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestCustomers customers;

    @Autowired
    Invoicing invoicing;

    @Autowired
    Subscriptions subscriptions;

    @Autowired
    MockMvc mvc;

    @Test
    void customerACannotReadOrChangeAnythingOfCustomerB() throws Exception {
        Customer alice = customers.create();
        Customer bob = customers.create();
        ApiClient api = new ApiClient(port);
        buy(api, alice);
        var bobOrder = buy(api, bob);
        String order = bobOrder.json().path("id").asString();
        String subscription = bobOrder.json().path("subscriptionId").asString();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !invoicing.invoices(bob.account().id()).isEmpty());
        String invoice = invoicing.invoices(bob.account().id()).get(0).id().toString();
        Subscription bobsBefore = subscriptions.get(SubscriptionId.of(subscription));

        List<String> leaks = new ArrayList<>();
        String key = alice.apiKey();
        for (String path : List.of(
                "/api/v1/orders/" + order,
                "/api/v1/subscriptions/" + subscription,
                "/api/v1/subscriptions/" + subscription + "/change-quote?plan=stream-plus-monthly",
                "/api/v1/invoices/" + invoice,
                "/api/v1/invoices/" + invoice + "/pdf")) {
            expect404(leaks, "GET " + path, api.get(path, key));
        }
        expect404(
                leaks,
                "POST change",
                api.post(
                        "/api/v1/subscriptions/" + subscription + "/change",
                        key,
                        UUID.randomUUID().toString(),
                        "{\"plan\":\"stream-plus-monthly\"}"));
        expect404(
                leaks,
                "POST cancel",
                api.post(
                        "/api/v1/subscriptions/" + subscription + "/cancel",
                        key,
                        UUID.randomUUID().toString(),
                        ""));
        expect404(
                leaks,
                "DELETE scheduled change",
                api.delete(
                        "/api/v1/subscriptions/" + subscription + "/scheduled-change",
                        key,
                        UUID.randomUUID().toString()));
        String bobsCard = api.get("/api/v1/payment-methods", bob.apiKey())
                .json()
                .get(0)
                .path("id")
                .asString();
        var order2 = api.post(
                "/api/v1/orders",
                key,
                UUID.randomUUID().toString(),
                "{\"plan\":\"edge-starter-monthly\",\"currency\":\"USD\",\"paymentMethod\":{\"id\":\"" + bobsCard
                        + "\"}}");
        if (order2.status() != 400 || !order2.body().contains("paymentMethod.id")) {
            leaks.add("an order paid with B's card -> " + order2.status() + " " + order2.body());
        }
        var usage = api.post(
                "/api/v1/usage",
                key,
                UUID.randomUUID().toString(),
                "{\"events\":[{\"id\":\"iso-1\",\"accountId\":\"" + bob.id()
                        + "\",\"metric\":\"minutes_delivered\",\"quantity\":5,\"timestamp\":\""
                        + java.time.Instant.now() + "\"}]}");
        if (usage.status() != 400) {
            leaks.add("usage reported for B's account -> " + usage.status() + " " + usage.body());
        }

        // Lists show only A's own.
        for (String list : List.of(
                "/api/v1/orders",
                "/api/v1/subscriptions",
                "/api/v1/invoices",
                "/api/v1/credit-notes",
                "/api/v1/payment-methods")) {
            String body = api.get(list, key).body();
            for (String bobs : List.of(order, subscription, invoice, bobsCard, bob.id())) {
                if (body.contains(bobs)) {
                    leaks.add("GET " + list + " shows " + bobs);
                }
            }
        }
        // Staff and service areas are closed to a customer key.
        for (String path : List.of(
                "/api/v1/revenue/periods",
                "/internal/v1/accounts/" + bob.id() + "/entitlements",
                "/actuator/prometheus")) {
            int status = api.get(path, key).status();
            if (status != 401 && status != 403) {
                leaks.add("GET " + path + " with a customer key -> " + status);
            }
        }

        // The customer site, with A's session.
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin("/login")
                        .userParameter("email")
                        .user(alice.account().email())
                        .password("customer-password"))
                .andReturn()
                .getRequest()
                .getSession();
        String account = mvc.perform(get("/account").session(session))
                .andReturn()
                .getResponse()
                .getContentAsString();
        if (account.contains(subscription) || account.contains(order)) {
            leaks.add("A's account page shows B's subscription or order");
        }
        for (String path : List.of(
                "/orders/" + order,
                "/account/subscriptions/" + subscription + "/change?plan=stream-plus-monthly",
                "/account/invoices/" + invoice + ".pdf")) {
            int status = mvc.perform(get(path).session(session))
                    .andReturn()
                    .getResponse()
                    .getStatus();
            if (status != 404) {
                leaks.add("page GET " + path + " -> " + status);
            }
        }
        for (String path : List.of(
                "/account/subscriptions/" + subscription + "/cancel",
                "/account/subscriptions/" + subscription + "/undo")) {
            int status = mvc.perform(post(path).session(session).with(csrf()))
                    .andReturn()
                    .getResponse()
                    .getStatus();
            if (status != 404) {
                leaks.add("page POST " + path + " -> " + status);
            }
        }
        int change = mvc.perform(post("/account/subscriptions/" + subscription + "/change")
                        .session(session)
                        .with(csrf())
                        .param("plan", "stream-plus-monthly")
                        .param("key", UUID.randomUUID().toString()))
                .andReturn()
                .getResponse()
                .getStatus();

        assertThat(leaks).isEmpty();
        assertThat(change).as("page POST change").isIn(302, 404);
        Subscription bobsAfter = subscriptions.get(SubscriptionId.of(subscription));
        assertThat(bobsAfter.planCode()).isEqualTo(bobsBefore.planCode());
        assertThat(bobsAfter.cancelAtPeriodEnd()).isFalse();
        assertThat(bobsAfter.scheduledChange()).isEqualTo(bobsBefore.scheduledChange());
    }

    private static ApiClient.Response buy(ApiClient api, Customer customer) {
        var order = api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                TestCustomers.order("stream-basic-monthly", "USD", TestCustomers.CARD_OK));
        assertThat(order.status()).isEqualTo(201);
        return order;
    }

    private static void expect404(List<String> leaks, String what, ApiClient.Response response) {
        if (response.status() != 404 || !response.contentType().startsWith("application/problem+json")) {
            leaks.add(what + " -> " + response.status() + " " + response.body());
        }
    }
}
