package com.abacus.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import com.abacus.payments.internal.HaltMonitor;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The new processor halted for one payment method: that method's new charges go to the legacy processor, the other
 * methods carry on at the new one; a method only the new processor takes cannot be halted alone; the halt monitor
 * halts a method failing on its own (PayPal down at the new processor while its cards are well).
 */
@IntegrationTest
class MethodHaltIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestCustomers customers;

    @Autowired
    ProcessorMigration migration;

    @Autowired
    HaltMonitor haltMonitor;

    @Autowired
    Charges charges;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    MigrationDial before;
    Instant attemptsAt;

    @BeforeEach
    void newCustomersOnTheNewProcessor() {
        if (migration.dial().halted()) {
            migration.resume("test", "a halt left by another test");
        }
        for (PaymentMethodType method : PaymentMethodType.values()) {
            if (migration.canHaltAlone(method)) {
                migration.setMethodHalted(method, false, "test", "a method halt left by another test");
            }
        }
        before = migration.dial();
        migration.setDial(true, before.percent(), "test", "new customers to the new processor");
        attemptsAt = Instant.now().minusMillis(1234).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    @AfterEach
    void restore() {
        for (PaymentMethodType method : PaymentMethodType.values()) {
            if (migration.canHaltAlone(method)) {
                migration.setMethodHalted(method, false, "test", "restore");
            }
        }
        migration.setDial(before.newCustomers(), before.percent(), "test", "restore");
        jdbc.sql("delete from processor_attempt where at = :at")
                .param("at", Timestamp.from(attemptsAt))
                .update();
    }

    private Payment firstPayment(String currency, String method) {
        Customer customer = customers.create(currency, "Europe/Berlin");
        var placed = new ApiClient(port)
                .post(
                        "/api/v1/orders",
                        customer.apiKey(),
                        UUID.randomUUID().toString(),
                        TestCustomers.order("edge-pro-monthly", currency, method));
        assertThat(placed.status()).as(placed.body()).isIn(201, 202);
        return charges.paymentsOf(customer.account().id()).get(0);
    }

    @Test
    void haltingPayPalAloneSendsNewPayPalChargesToTheLegacyProcessorAndLeavesCardsOnTheNew() {
        assertThat(firstPayment("EUR", "{\"paypal\":{}}").processor()).isEqualTo(Processor.NEW);

        assertThat(migration.setMethodHalted(PaymentMethodType.PAYPAL, true, "test", "PayPal errors at the new one"))
                .isTrue();
        assertThat(migration.dial().halted()).isFalse();
        assertThat(migration.dial().haltedFor(PaymentMethodType.PAYPAL)).isTrue();

        Payment payPal = firstPayment("EUR", "{\"paypal\":{}}");
        assertThat(payPal.processor()).isEqualTo(Processor.LEGACY);
        assertThat(payPal.methodType()).isEqualTo(PaymentMethodType.PAYPAL);
        assertThat(firstPayment("EUR", TestCustomers.CARD_OK).processor()).isEqualTo(Processor.NEW);
        // SEPA Direct Debit only the new processor takes: it stays there, and cannot be halted alone.
        assertThat(firstPayment("EUR", "{\"sepaDebit\":{\"iban\":\"DE89370400440532013000\",\"mandateAccepted\":true}}")
                        .processor())
                .isEqualTo(Processor.NEW);
        assertThatThrownBy(() -> migration.setMethodHalted(PaymentMethodType.SEPA_DEBIT, true, "test", "try"))
                .hasMessageContaining("there is no other processor");

        assertThat(migration.setMethodHalted(PaymentMethodType.PAYPAL, false, "test", "PayPal recovered"))
                .isTrue();
        assertThat(firstPayment("EUR", "{\"paypal\":{}}").processor()).isEqualTo(Processor.NEW);
    }

    @Test
    void theHaltMonitorHaltsAMethodFailingOnItsOwnAndNotTheWholeDial() {
        // Cards are well at the new processor; every PayPal and SEPA charge there fails with an error.
        jdbc.sql("""
                insert into processor_attempt (processor, outcome, at, method_type)
                select 'NEW', 'SUCCEEDED', cast(:at as timestamptz), 'CARD' from generate_series(1, 300)
                union all select 'NEW', 'ERROR', cast(:at as timestamptz), 'PAYPAL' from generate_series(1, 25)
                union all select 'NEW', 'ERROR', cast(:at as timestamptz), 'SEPA_DEBIT' from generate_series(1, 25)
                """).param("at", Timestamp.from(attemptsAt)).update();

        haltMonitor.newProcessorFailed();

        MigrationDial dial = migration.dial();
        assertThat(dial.halted()).isFalse();
        assertThat(dial.haltedMethods()).containsExactly(PaymentMethodType.PAYPAL);
        assertThat(jdbc.sql("select reason from migration_dial_change where halted_methods = 'PAYPAL'"
                                + " and changed_by = 'halt-monitor' order by changed_at desc limit 1")
                        .query(String.class)
                        .single())
                .contains("New processor's paypal charges failed 25 of 25 attempts");
    }

    @Test
    void onlyAdminsHaltAMethodAndTheDashboardShowsIt() throws Exception {
        String reason = "PayPal timeouts at the new processor " + UUID.randomUUID();
        mvc.perform(post("/admin/payments/migration/methods/paypal")
                        .param("halted", "true")
                        .param("reason", "try")
                        .with(user("agent-sam").roles("SUPPORT"))
                        .with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(migration.dial().haltedMethods()).isEmpty();

        mvc.perform(post("/admin/payments/migration/methods/paypal")
                        .param("halted", "true")
                        .param("reason", reason)
                        .with(user("admin-ada").roles("ADMIN", "SUPPORT", "FINANCE"))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(migration.dial().haltedMethods()).containsExactly(PaymentMethodType.PAYPAL);
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'PROCESSOR_METHOD_HALTED'"
                                + " and reason = :reason")
                        .param("reason", reason)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        mvc.perform(get("/admin/payments/migration").with(user("agent-sam").roles("SUPPORT")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("halted</strong>")))
                .andExpect(content().string(Matchers.containsString("only one processor takes it")));
    }
}
