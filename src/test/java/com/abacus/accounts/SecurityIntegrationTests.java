package com.abacus.accounts;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.abacus.IntegrationTest;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** Each area of the deployable refuses the wrong kind of principal. */
@IntegrationTest
class SecurityIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    StaffDirectory staff;

    @Autowired
    Accounts accounts;

    String customerEmail;
    String customerKey;

    @BeforeEach
    void principals() {
        staff.createStaffUser("sec-support", "Support", "support-password", Set.of(StaffRole.SUPPORT));
        staff.createStaffUser("sec-finance", "Finance", "finance-password", Set.of(StaffRole.FINANCE));
        staff.registerServiceToken("sec metrics", "abs_test_metrics", List.of(TokenScope.METRICS_READ));
        staff.registerServiceToken("sec usage", "abs_test_usage_only", List.of(TokenScope.USAGE_WRITE));
        customerEmail = "sec-" + UUID.randomUUID() + "@example.com";
        Account account = accounts.register(
                new NewAccount(customerEmail, "Sec Customer", "USD", "UTC", "US", "customer-password"));
        customerKey = accounts.issueCustomerApiKey(account.id(), "test");
    }

    @Test
    void consoleRequiresStaffSignIn() throws Exception {
        mvc.perform(get("/admin")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/admin/login"));
        mvc.perform(get("/admin").header("HX-Request", "true"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("HX-Redirect", "/admin/login"));
    }

    @Test
    void staffSignInWorksAndWrongPasswordFails() throws Exception {
        mvc.perform(formLogin("/admin/login").user("sec-support").password("support-password"))
                .andExpect(redirectedUrl("/admin"));
        mvc.perform(formLogin("/admin/login").user("sec-support").password("wrong"))
                .andExpect(redirectedUrl("/admin/login?error"));
    }

    @Test
    void customersCannotSignInToTheConsoleNorStaffToTheSite() throws Exception {
        mvc.perform(formLogin("/admin/login").user(customerEmail).password("customer-password"))
                .andExpect(redirectedUrl("/admin/login?error"));
        mvc.perform(formLogin("/login")
                        .userParameter("email")
                        .user("sec-support")
                        .password("support-password"))
                .andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void customerSessionIsRefusedInTheConsole() throws Exception {
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin("/login")
                        .userParameter("email")
                        .user(customerEmail)
                        .password("customer-password"))
                .andExpect(redirectedUrl("/account"))
                .andReturn()
                .getRequest()
                .getSession();
        mvc.perform(get("/admin").session(session)).andExpect(status().is3xxRedirection());
    }

    @Test
    void staffSessionIsRefusedOnCustomerPages() throws Exception {
        MockHttpSession session = (MockHttpSession)
                mvc.perform(formLogin("/admin/login").user("sec-support").password("support-password"))
                        .andReturn()
                        .getRequest()
                        .getSession();
        mvc.perform(get("/admin").session(session)).andExpect(status().isOk());
        mvc.perform(get("/account").session(session))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
    }

    @Test
    void internalApiWantsAServiceToken() throws Exception {
        mvc.perform(get("/internal/v1/accounts/" + UUID.randomUUID() + "/entitlements"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.code").value("unauthenticated"));
        mvc.perform(get("/internal/v1/accounts/" + UUID.randomUUID() + "/entitlements")
                        .header("Authorization", "Bearer " + customerKey))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("forbidden"));
        mvc.perform(get("/internal/v1/accounts/" + UUID.randomUUID() + "/entitlements")
                        .header("Authorization", "Bearer abs_nope"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void serviceTokensAreLimitedToTheirScopes() throws Exception {
        mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer abs_test_metrics"))
                .andExpect(status().isOk());
        mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer abs_test_usage_only"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    }

    @Test
    void staffBasicAuthOnTheApiRespectsRoles() throws Exception {
        mvc.perform(get("/actuator/prometheus")
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                                .httpBasic("sec-finance", "finance-password")))
                .andExpect(status().isForbidden());
    }

    @Test
    void formsNeedACsrfToken() throws Exception {
        mvc.perform(post("/signup").param("email", "x@example.com")).andExpect(status().isForbidden());
        mvc.perform(post("/signup")
                        .with(csrf())
                        .param("email", "bad")
                        .param("password", "short")
                        .param("name", "")
                        .param("currency", "USD")
                        .param("timeZone", "UTC"))
                .andExpect(status().isOk());
    }

    @Test
    void pagesCarrySecurityHeaders() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().exists("Content-Security-Policy"))
                .andExpect(header().string("Referrer-Policy", "same-origin"));
    }

    @Test
    void signInIsRefusedAfterFiveFailuresEvenWithTheRightPassword() throws Exception {
        String username = "sec-throttle-" + UUID.randomUUID();
        staff.createStaffUser(username, "Throttled", "right-password-1", Set.of(StaffRole.SUPPORT));
        for (int i = 0; i < 5; i++) {
            mvc.perform(formLogin("/admin/login").user(username).password("guess-" + i))
                    .andExpect(redirectedUrl("/admin/login?error"));
        }
        mvc.perform(formLogin("/admin/login").user(username).password("right-password-1"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"));
        // Someone else is not affected.
        mvc.perform(formLogin("/admin/login").user("sec-support").password("support-password"))
                .andExpect(redirectedUrl("/admin"));
    }

    /** Basic on the API and the console's form share one budget per user: 25 wrong then the right one is refused. */
    @Test
    void staffBasicOnTheApiIsThrottledLikeTheSignInFormAndSharesItsBudget() throws Exception {
        String username = "sec-basic-" + UUID.randomUUID();
        staff.createStaffUser(username, "Basic", "right-password-1", Set.of(StaffRole.ADMIN));
        mvc.perform(get("/actuator/prometheus").with(httpBasic(username, "right-password-1")))
                .andExpect(status().isOk());
        for (int i = 0; i < 25; i++) {
            mvc.perform(get("/actuator/prometheus").with(httpBasic(username, "guess-" + i)))
                    .andExpect(status().is(org.hamcrest.Matchers.oneOf(401, 429)));
        }
        mvc.perform(get("/actuator/prometheus").with(httpBasic(username, "right-password-1")))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.status").value(429));
        mvc.perform(formLogin("/admin/login").user(username).password("right-password-1"))
                .andExpect(status().isTooManyRequests());

        // The other way round: locked out at the form, so refused on Basic too.
        String other = "sec-form-" + UUID.randomUUID();
        staff.createStaffUser(other, "Form", "right-password-2", Set.of(StaffRole.ADMIN));
        for (int i = 0; i < 5; i++) {
            mvc.perform(formLogin("/admin/login").user(other).password("guess-" + i))
                    .andExpect(redirectedUrl("/admin/login?error"));
        }
        mvc.perform(get("/actuator/prometheus").with(httpBasic(other, "right-password-2")))
                .andExpect(status().isTooManyRequests());
    }

    /** Failed bearer tokens are throttled per client address; other addresses, and the right token elsewhere, go on. */
    @Test
    void failedBearerTokensAreThrottledPerClientAddress() throws Exception {
        String guesser = "198.51.100." + (1 + new java.util.Random().nextInt(250));
        for (int i = 0; i < 200; i++) {
            mvc.perform(get("/api/v1/subscriptions")
                            .header("Authorization", "Bearer abk_guess_" + i)
                            .with(from(guesser)))
                    .andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/v1/subscriptions")
                        .header("Authorization", "Bearer " + customerKey)
                        .with(from(guesser)))
                .andExpect(status().isTooManyRequests())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        mvc.perform(get("/internal/v1/accounts/" + UUID.randomUUID() + "/entitlements")
                        .header("Authorization", "Bearer abs_test_metrics")
                        .with(from(guesser)))
                .andExpect(status().isTooManyRequests());
        mvc.perform(get("/api/v1/subscriptions")
                        .header("Authorization", "Bearer " + customerKey)
                        .with(from("203.0.113.9")))
                .andExpect(status().isOk());
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    @Test
    void staffSessionsEndAfterThirtyIdleMinutes() throws Exception {
        var signedIn = mvc.perform(formLogin("/admin/login").user("sec-support").password("support-password"))
                .andExpect(redirectedUrl("/admin"))
                .andReturn();
        MockHttpSession session = (MockHttpSession) signedIn.getRequest().getSession();
        org.assertj.core.api.Assertions.assertThat(session.getMaxInactiveInterval())
                .isEqualTo(30 * 60);
        mvc.perform(get("/admin").session(session)).andExpect(status().isOk());
    }
}
