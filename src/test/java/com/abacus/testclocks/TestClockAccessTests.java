package com.abacus.testclocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.abacus.ApiClient;
import com.abacus.IntegrationTest;
import com.abacus.SecondInstance;
import com.abacus.TestCustomers;
import com.abacus.accounts.StaffDirectory;
import com.abacus.accounts.StaffRole;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Who may use test clocks and open accounts, and what a production deployment (clocks off) answers. */
@IntegrationTest
class TestClockAccessTests {

    @LocalServerPort
    int port;

    @Autowired
    StaffDirectory staff;

    @Autowired
    TestCustomers customers;

    @Test
    void adminsUseClocksSupportOpensAccountsButNotClocksAndAnEmailIsTakenOnce() {
        staff.createStaffUser("clock-admin", "Clara Admin", "admin-password", Set.of(StaffRole.ADMIN));
        staff.createStaffUser("clock-support", "Sid Support", "support-password", Set.of(StaffRole.SUPPORT));
        ApiClient api = new ApiClient(port);
        String body = "{\"name\":\"by staff\",\"frozenTime\":\"2027-01-01T00:00:00Z\"}";

        var asAdmin = api.post(
                "/api/v1/test-clocks",
                null,
                UUID.randomUUID().toString(),
                body,
                "Authorization",
                basic("clock-admin", "admin-password"));
        assertThat(asAdmin.status()).as(asAdmin.body()).isEqualTo(201);
        var asSupport = api.post(
                "/api/v1/test-clocks",
                null,
                UUID.randomUUID().toString(),
                body,
                "Authorization",
                basic("clock-support", "support-password"));
        assertThat(asSupport.status()).isEqualTo(403);
        assertThat(asSupport.contentType()).startsWith("application/problem+json");

        String email = "taken-" + UUID.randomUUID() + "@example.com";
        String account = "{\"email\":\"" + email + "\",\"name\":\"Taken\",\"currency\":\"USD\",\"timeZone\":\"UTC\"}";
        var opened = api.post(
                "/api/v1/accounts",
                null,
                UUID.randomUUID().toString(),
                account,
                "Authorization",
                basic("clock-support", "support-password"));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        assertThat(opened.json().path("apiKey").isNull()).isTrue();
        var again = api.post(
                "/api/v1/accounts",
                TestCustomers.SERVICE_TOKEN,
                UUID.randomUUID().toString(),
                account);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("code").asString()).isEqualTo("email-taken");
        var invalid = api.post(
                "/api/v1/accounts",
                TestCustomers.SERVICE_TOKEN,
                UUID.randomUUID().toString(),
                "{\"email\":\"not-an-email\",\"name\":\"\",\"currency\":\"XXX1\",\"timeZone\":\"Mars/Olympus\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("email", "name", "currency", "timeZone");

        var customer = api.post(
                "/api/v1/accounts",
                customers.create().apiKey(),
                UUID.randomUUID().toString(),
                account.replace(email, "x-" + email));
        assertThat(customer.status()).isEqualTo(403);
    }

    /** Where test clocks are off (production's default) their paths do not exist, and no account can be put on one. */
    @Test
    void withClocksOffTheirPathsAnswer404AndAccountsCannotBePutOnAClock() {
        try (SecondInstance production = SecondInstance.start(Map.of("abacus.test-clocks.enabled", false))) {
            ApiClient api = production.api();
            var create = api.post(
                    "/api/v1/test-clocks",
                    TestCustomers.SERVICE_TOKEN,
                    UUID.randomUUID().toString(),
                    "{\"name\":\"x\",\"frozenTime\":\"2027-01-01T00:00:00Z\"}");
            assertThat(create.status()).isEqualTo(404);
            assertThat(create.contentType()).startsWith("application/problem+json");
            assertThat(api.get("/api/v1/test-clocks", TestCustomers.SERVICE_TOKEN)
                            .status())
                    .isEqualTo(404);
            var onAClock = api.post(
                    "/api/v1/accounts",
                    TestCustomers.SERVICE_TOKEN,
                    UUID.randomUUID().toString(),
                    "{\"email\":\"off-%s@example.com\",\"name\":\"Off\",\"currency\":\"USD\",\"timeZone\":\"UTC\",\"testClockId\":\"%s\"}"
                            .formatted(UUID.randomUUID(), UUID.randomUUID()));
            assertThat(onAClock.status()).isEqualTo(400);
            assertThat(onAClock.body()).contains("testClockId", "not enabled");
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    }
}
