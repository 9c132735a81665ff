package com.abacus.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.abacus.IntegrationTest;
import com.abacus.TestCustomers;
import com.abacus.TestCustomers.Customer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

/** The audit log as staff read it: roles by their console names, filters by who, what and when, a CSV of the same. */
@IntegrationTest
class AuditConsoleIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestCustomers customers;

    @Test
    void rolesAreShownAsRolesAndTheFilteredLogDownloadsAsCsv() throws Exception {
        Customer customer = customers.create();
        String actor = "auditor-" + customer.id().substring(0, 8);
        // Signed in with a password, as a real session is: Spring adds a FACTOR_PASSWORD authority beside the roles.
        var staff = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(
                        actor)
                .authorities(
                        new SimpleGrantedAuthority("FACTOR_PASSWORD"),
                        new SimpleGrantedAuthority("ROLE_SUPPORT"),
                        new SimpleGrantedAuthority("ROLE_ADMIN"));
        mvc.perform(post("/admin/accounts/" + customer.id() + "/trials")
                        .with(staff)
                        .with(csrf())
                        .param("plan", "edge-pro-monthly")
                        .param("days", "7")
                        .param("reason", "evaluation, \"=cmd\" quoted"))
                .andExpect(status().is3xxRedirection())
                // The flash says when, as the customer's day and time ("… EST"), not an ISO timestamp.
                .andExpect(
                        org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                                .attribute(
                                        "notice",
                                        org.hamcrest.Matchers.matchesPattern(
                                                "Trial of Edge Network Pro granted until \\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2} E[SD]T \\(the customer's time\\)")));

        String page = mvc.perform(get("/admin/audit").param("actor", actor).with(AdminConsoleIntegrationTests.admin()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("ADMIN, SUPPORT")
                .doesNotContain("FACTOR_PASSWORD")
                .doesNotContain("ROLE_");

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        var csv = mvc.perform(get("/admin/audit.csv")
                        .param("actor", actor)
                        .param("action", "TRIAL_GRANTED")
                        .param("from", today)
                        .param("to", today)
                        .with(AdminConsoleIntegrationTests.support()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse();
        assertThat(csv.getContentType()).startsWith("text/csv");
        String[] lines = csv.getContentAsString().split("\r\n");
        assertThat(lines[0]).isEqualTo("at,actor,roles,action,target_type,target_id,account_id,reason,detail");
        assertThat(lines).hasSize(2);
        assertThat(lines[1])
                .contains("\"" + actor + "\"")
                .contains("\"TRIAL_GRANTED\"")
                .contains("\"evaluation, \"\"=cmd\"\" quoted\"")
                .contains(customer.id());

        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        assertThat(mvc.perform(get("/admin/audit.csv")
                                .param("actor", actor)
                                .param("to", yesterday)
                                .with(AdminConsoleIntegrationTests.support()))
                        .andReturn()
                        .getResponse()
                        .getContentAsString()
                        .split("\r\n"))
                .hasSize(1);
        mvc.perform(get("/admin/audit")
                        .param("from", today)
                        .param("to", yesterday)
                        .with(AdminConsoleIntegrationTests.admin()))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/admin/audit").param("from", "not-a-date").with(AdminConsoleIntegrationTests.admin()))
                .andExpect(status().isBadRequest())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .contentTypeCompatibleWith("text/html"));
    }
}
