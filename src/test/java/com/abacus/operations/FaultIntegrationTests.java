package com.abacus.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.abacus.ApiClient;
import com.abacus.EmbeddedInfrastructure;
import com.abacus.IntegrationTest;
import com.abacus.SecondInstance;
import com.abacus.TestClock;
import com.abacus.TestCustomers;
import com.abacus.TestCustomers.Customer;
import com.abacus.checkout.Order;
import com.abacus.checkout.OrderId;
import com.abacus.invoicing.InvoiceRuns;
import com.abacus.invoicing.Invoicing;
import com.abacus.payments.Cards;
import com.abacus.payments.ChargeRequest;
import com.abacus.payments.Charges;
import com.abacus.payments.PaymentStatus;
import com.abacus.shared.AccountId;
import com.abacus.shared.Money;
import com.abacus.subscriptions.SubscriptionActivated;
import com.abacus.subscriptions.SubscriptionId;
import com.abacus.subscriptions.Subscriptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventSerializer;

/**
 * What happens when things break, with the real servers: an instance dying between steps, lost event deliveries,
 * the database connection dropped. ops/RUNBOOK.md states the promise each test proves.
 */
@IntegrationTest
class FaultIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestCustomers customers;

    @Autowired
    Cards cards;

    @Autowired
    Charges charges;

    @Autowired
    Subscriptions subscriptions;

    @Autowired
    Invoicing invoicing;

    @Autowired
    InvoiceRuns invoiceRuns;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventSerializer serializer;

    @Autowired
    com.abacus.checkout.Checkout checkout;

    @Autowired
    TestClock clock;

    @Autowired
    org.springframework.context.ApplicationContext context;

    @AfterEach
    void backToRealTime() {
        clock.reset();
    }

    /**
     * The instance died after charging but before activating: the order is still PENDING while its payment succeeded.
     * Recovery (the job, on any instance) finishes the order from the payment; nothing is charged again.
     */
    @Test
    void anOrderInterruptedAfterTheChargeIsCompletedFromThePaymentNotChargedAgain() throws Exception {
        Customer customer = customers.create();
        cards.addCard(customer.account().id(), new com.abacus.payments.CardInput("4242424242424242", 12, 2031, "123"));
        UUID orderId = UUID.randomUUID();
        jdbc.sql("""
                insert into customer_order (id, account_id, kind, plan_code, catalog_version, currency, total_minor, trial, status,
                    idempotency_key, created_at, updated_at)
                values (:id, :account, 'NEW_SUBSCRIPTION', 'edge-starter-monthly', (select max(version) from catalog_version), 'USD', 2000,
                    false, 'PENDING', :key, now() - interval '10 minutes', now() - interval '10 minutes')
                """)
                .param("id", orderId)
                .param("account", customer.account().id().value())
                .param("key", "crash-" + orderId)
                .update();
        // The charge the dead request made, with the order's key. It answered at once, so no listener acts on its
        // event:
        // the request that made it would have, had it not died.
        var payment = charges.charge(new ChargeRequest(
                customer.account().id(),
                null,
                Money.parse("20.00", "USD"),
                "order:" + orderId,
                new com.abacus.shared.ChargeReference.ForOrder(orderId),
                "crash test"));
        assertThat(payment.status()).isEqualTo(PaymentStatus.SUCCEEDED);

        Object verdicts = context.getBean(Class.forName("com.abacus.checkout.internal.PaymentVerdicts"));
        var recover = verdicts.getClass().getDeclaredMethod("recover", Duration.class);
        recover.setAccessible(true);
        recover.invoke(verdicts, Duration.ofMinutes(5));

        assertThat(checkout.order(customer.account().id(), new OrderId(orderId)).status())
                .isEqualTo(Order.Status.COMPLETED);
        assertThat(charges.paymentsOf(customer.account().id())).hasSize(1);
        assertThat(subscriptions.forAccount(customer.account().id())).hasSize(1);
    }

    /** The instance died after placing the order but before any charge: recovery fails it and nothing is charged. */
    @Test
    void anOrderInterruptedBeforeTheChargeIsFailedWithoutCharging() throws Exception {
        Customer customer = customers.create();
        UUID orderId = UUID.randomUUID();
        jdbc.sql("""
                insert into customer_order (id, account_id, kind, plan_code, catalog_version, currency, total_minor, trial, status,
                    idempotency_key, created_at, updated_at)
                values (:id, :account, 'NEW_SUBSCRIPTION', 'edge-starter-monthly', 1, 'USD', 2000, false, 'PENDING', :key,
                    now() - interval '10 minutes', now() - interval '10 minutes')
                """)
                .param("id", orderId)
                .param("account", customer.account().id().value())
                .param("key", "crash-" + orderId)
                .update();
        try (SecondInstance restarted = SecondInstance.start(Map.of())) {
            // A fresh instance's recovery job (same code as every instance's) sweeps orders left behind.
            Object verdicts = restarted.bean(Class.forName("com.abacus.checkout.internal.PaymentVerdicts"));
            var recover = verdicts.getClass().getDeclaredMethod("recover", Duration.class);
            recover.setAccessible(true);
            recover.invoke(verdicts, Duration.ofMinutes(5));
        }
        Order order = checkout.order(customer.account().id(), new OrderId(orderId));
        assertThat(order.status()).isEqualTo(Order.Status.FAILED);
        assertThat(order.failureCode()).isEqualTo("abandoned");
        assertThat(charges.paymentsOf(customer.account().id())).isEmpty();
    }

    /**
     * The instance died after committing a subscription but before its listeners ran: the event publication is still
     * incomplete in the database. The next instance to start re-delivers it, and the first invoice is issued once.
     */
    @Test
    void incompleteEventPublicationsAreRedeliveredOnRestart() throws Exception {
        Customer customer = customers.create();
        var order = new ApiClient(port)
                .post(
                        "/api/v1/orders",
                        customer.apiKey(),
                        UUID.randomUUID().toString(),
                        TestCustomers.order("edge-starter-monthly", "USD", TestCustomers.CARD_OK));
        SubscriptionId id =
                SubscriptionId.of(order.json().path("subscriptionId").asString());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> invoicing.invoices(customer.account().id()).size() == 1);
        var subscription = subscriptions.get(id);
        String paymentId =
                charges.paymentsOf(customer.account().id()).get(0).id().toString();

        // Rewind to the moment of the crash: no invoice yet, the publication for invoicing's listener outstanding.
        UUID invoice = invoicing.invoices(customer.account().id()).get(0).id().value();
        jdbc.sql("delete from revenue_schedule where invoice_id = :id")
                .param("id", invoice)
                .update();
        jdbc.sql("delete from revenue_entry where source_id = :id")
                .param("id", invoice)
                .update();
        jdbc.sql("delete from invoice_line where invoice_id = :id")
                .param("id", invoice)
                .update();
        jdbc.sql("delete from invoice where id = :id").param("id", invoice).update();
        var event = new SubscriptionActivated(
                id,
                customer.account().id(),
                "edge",
                "edge-starter-monthly",
                subscription.catalogVersion(),
                "USD",
                subscription.periodLines(subscription.currentPeriod()),
                subscription.currentPeriod().start(),
                subscription.currentPeriod().end(),
                false,
                paymentId,
                new com.abacus.shared.ChargeReference.ForOrder(UUID.randomUUID()),
                Instant.now(),
                subscription.anchor(),
                subscription.timeZone(),
                null);
        jdbc.sql("""
                insert into event_publication (id, listener_id, event_type, serialized_event, publication_date, status, completion_attempts)
                values (:id, :listener, :type, :event, now() - interval '1 minute', 'PUBLISHED', 0)
                """)
                .param("id", UUID.randomUUID())
                .param(
                        "listener",
                        "com.abacus.invoicing.internal.InvoicingEvents.on(com.abacus.subscriptions.SubscriptionActivated)")
                .param("type", SubscriptionActivated.class.getName())
                .param("event", serializer.serialize(event).toString())
                .update();
        assertThat(invoicing.invoices(customer.account().id())).isEmpty();

        try (SecondInstance restarted =
                SecondInstance.start(Map.of("spring.modulith.events.republish-outstanding-events-on-restart", true))) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> invoicing.invoices(customer.account().id()).size() == 1);
        }
        assertThat(invoicing.invoices(customer.account().id()).get(0).paymentId())
                .isEqualTo(paymentId);
        assertThat(jdbc.sql(
                                "select count(*) from event_publication where completion_date is null and serialized_event like :s")
                        .param("s", "%" + id + "%")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    /**
     * An instance died in the middle of the invoice run: it had renewed and invoiced the first subscription but not
     * charged it, its run row still says RUNNING and its lock is still held. Until the lock expires no other instance
     * runs; after, the next run finishes the work: the orphaned invoice is charged, the rest renewed, each once.
     */
    @Test
    void anInvoiceRunKilledHalfwayIsFinishedByTheNextRunWithoutBillingTwice() throws Exception {
        List<Customer> buyers = List.of(customers.create(), customers.create(), customers.create());
        List<SubscriptionId> ids = new java.util.ArrayList<>();
        for (Customer buyer : buyers) {
            var order = new ApiClient(port)
                    .post(
                            "/api/v1/orders",
                            buyer.apiKey(),
                            UUID.randomUUID().toString(),
                            TestCustomers.order("stream-basic-monthly", "USD", TestCustomers.CARD_OK));
            ids.add(SubscriptionId.of(order.json().path("subscriptionId").asString()));
        }
        Instant due = ids.stream()
                .map(id -> subscriptions.get(id).currentPeriod().end())
                .max(Instant::compareTo)
                .orElseThrow()
                .plusSeconds(60);
        clock.set(due);

        // What the dead instance left behind: one renewal committed with its invoice, uncharged; a RUNNING run; its
        // lock.
        Object runner = context.getBean(Class.forName("com.abacus.invoicing.internal.RenewalInvoicing"));
        var renew = runner.getClass().getDeclaredMethod("renew", SubscriptionId.class);
        renew.setAccessible(true);
        renew.invoke(runner, ids.get(0));
        assertThat(invoicing.invoices(buyers.get(0).account().id())).hasSize(2);
        assertThat(charges.paymentsOf(buyers.get(0).account().id())).hasSize(1);
        UUID deadRun = UUID.randomUUID();
        jdbc.sql(
                        "insert into invoice_run (id, as_of, status, started_by, started_at) values (:id, :at, 'RUNNING', 'pod-that-died', :started)")
                .param("id", deadRun)
                .param("at", java.sql.Timestamp.from(due))
                .param("started", java.sql.Timestamp.from(due.minus(Duration.ofHours(2))))
                .update();
        jdbc.sql("""
                insert into shedlock (name, lock_until, locked_at, locked_by) values ('invoice-run', now() + interval '10 minutes', now(), 'pod-that-died')
                on conflict (name) do update set lock_until = excluded.lock_until, locked_at = excluded.locked_at, locked_by = excluded.locked_by
                """).update();

        assertThat(invoiceRuns.runNow(due, "test"))
                .as("the dead instance's lock is still held")
                .isEmpty();

        jdbc.sql("update shedlock set lock_until = now() - interval '1 second' where name = 'invoice-run'")
                .update();
        assertThat(invoiceRuns.runNow(due, "test")).isPresent();
        for (int i = 0; i < ids.size(); i++) {
            AccountId account = buyers.get(i).account().id();
            assertThat(subscriptions.get(ids.get(i)).periodIndex()).isEqualTo(1);
            assertThat(invoicing.invoices(account))
                    .hasSize(2)
                    .allMatch(invoice -> invoice.status() == com.abacus.invoicing.InvoiceStatus.PAID);
            assertThat(charges.paymentsOf(account)).hasSize(2);
        }
        assertThat(invoiceRuns.run(deadRun).orElseThrow().status()).isEqualTo("FAILED");
    }

    /**
     * Every pooled database connection is killed under the application. A request that meets a dead connection gets a
     * 503 problem and changed nothing; its retry with the same key succeeds once; the pool replaces the connections.
     */
    @Test
    void droppedDatabaseConnectionsCostAtMostARetriedRequest() throws Exception {
        Customer customer = customers.create();
        String url = "jdbc:postgresql://localhost:" + EmbeddedInfrastructure.postgresPort() + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "select pg_terminate_backend(pid) from pg_stat_activity where datname = 'abacus' and pid <> pg_backend_pid()");
        }
        String key = UUID.randomUUID().toString();
        String body = TestCustomers.order("stream-basic-monthly", "USD", TestCustomers.CARD_OK);
        var order = new ApiClient(port).post("/api/v1/orders", customer.apiKey(), key, body);
        // A client retries a 503 with the same key, as the problem says; each dead connection costs one attempt at
        // most.
        int attempts = 1;
        while (order.status() == 503 && attempts < 50) {
            assertThat(order.contentType()).startsWith("application/problem+json");
            assertThat(order.json().path("code").asString()).isEqualTo("temporarily-unavailable");
            order = new ApiClient(port).post("/api/v1/orders", customer.apiKey(), key, body);
            attempts++;
        }
        assertThat(order.status()).isEqualTo(201);
        assertThat(charges.paymentsOf(customer.account().id())).hasSize(1);
        assertThat(subscriptions.forAccount(customer.account().id())).hasSize(1);
        var next = new ApiClient(port)
                .post(
                        "/api/v1/orders",
                        customer.apiKey(),
                        UUID.randomUUID().toString(),
                        TestCustomers.order("edge-starter-monthly", "USD", TestCustomers.CARD_OK));
        assertThat(next.status()).isEqualTo(201);
    }
}
