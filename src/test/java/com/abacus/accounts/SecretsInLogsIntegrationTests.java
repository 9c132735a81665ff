package com.abacus.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;

import com.abacus.ApiClient;
import com.abacus.IntegrationTest;
import com.abacus.TestCustomers;
import com.abacus.TestCustomers.Customer;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Passwords, API keys, service tokens, card numbers and webhook secrets pass through sign-in, checkout, failed
 * requests and webhooks, and none of them appears in what the application logs.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SecretsInLogsIntegrationTests {

    private static final List<String> LOGGERS = List.of(
            "com.abacus",
            "org.springframework.security",
            "org.springframework.web",
            "org.springframework.modulith.events");

    @LocalServerPort
    int port;

    @Autowired
    TestCustomers customers;

    @Autowired
    StaffDirectory staff;

    @Autowired
    MockMvc mvc;

    @Autowired
    LoggingSystem logging;

    /** At DEBUG for our code, Spring Security and Spring MVC: even then, nothing secret is written. */
    @BeforeEach
    void debugLogging() {
        LOGGERS.forEach(name -> logging.setLogLevel(name, LogLevel.DEBUG));
    }

    @AfterEach
    void normalLogging() {
        LOGGERS.forEach(name -> logging.setLogLevel(name, null));
    }

    @Test
    void noSecretReachesTheLogs(CapturedOutput output) throws Exception {
        Customer customer = customers.create();
        ApiClient api = new ApiClient(port);
        String staffPassword = "staff-secret-" + UUID.randomUUID();
        String staffUser = "logs-" + UUID.randomUUID();
        staff.createStaffUser(staffUser, "Logs", staffPassword, Set.of(StaffRole.ADMIN));
        String serviceToken = "abs_logs_" + UUID.randomUUID().toString().replace("-", "");
        staff.registerServiceToken("logs", serviceToken, List.of(TokenScope.ENTITLEMENTS_READ));

        mvc.perform(formLogin("/admin/login").user(staffUser).password(staffPassword));
        mvc.perform(formLogin("/admin/login").user(staffUser).password(staffPassword + "-wrong"));
        mvc.perform(formLogin("/login")
                .userParameter("email")
                .user(customer.account().email())
                .password("customer-password"));
        api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                TestCustomers.order("stream-basic-monthly", "USD", TestCustomers.card("4000000000000002")));
        api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                TestCustomers.order("stream-basic-monthly", "USD", TestCustomers.CARD_OK));
        api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                "{\"paymentMethod\":{\"card\":{\"number\":\"5555555555554444\"");
        api.get("/internal/v1/accounts/" + customer.id() + "/entitlements", serviceToken);
        api.get("/internal/v1/accounts/" + customer.id() + "/entitlements", serviceToken + "x");
        api.post("/webhooks/stripe", null, null, "{}", "Stripe-Signature", "t=1,v1=00");

        String logs = output.getAll();
        assertThat(logs).as("the requests were logged at DEBUG").contains("/api/v1/orders");
        for (String secret : List.of(
                staffPassword,
                "customer-password",
                customer.apiKey(),
                serviceToken,
                "4242424242424242",
                "4000000000000002",
                "5555555555554444",
                "whsec_test_new_processor",
                "legacy_test_webhook_secret")) {
            assertThat(logs).as("logs contain a secret").doesNotContain(secret);
        }
    }
}
