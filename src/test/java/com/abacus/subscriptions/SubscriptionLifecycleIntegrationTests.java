package com.abacus.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.abacus.ApiClient;
import com.abacus.IntegrationTest;
import com.abacus.TestClock;
import com.abacus.TestCustomers;
import com.abacus.TestCustomers.Customer;
import com.abacus.entitlements.Entitlements;
import com.abacus.entitlements.internal.EntitlementJobs;
import com.abacus.invoicing.Invoice;
import com.abacus.invoicing.InvoiceRuns;
import com.abacus.invoicing.Invoicing;
import com.abacus.payments.Charges;
import com.abacus.shared.Money;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Flows 3 and 5, and the trial lifecycle, driven by the test clock. */
@IntegrationTest
class SubscriptionLifecycleIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestCustomers customers;

    @Autowired
    TestClock clock;

    @Autowired
    Renewals renewals;

    @Autowired
    Subscriptions subscriptions;

    @Autowired
    PlanChanges planChanges;

    @Autowired
    Invoicing invoicing;

    @Autowired
    InvoiceRuns invoiceRuns;

    @Autowired
    Charges charges;

    @Autowired
    Entitlements entitlements;

    @Autowired
    EntitlementJobs entitlementJobs;

    @Autowired
    com.abacus.catalog.Catalog catalog;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    SubscriptionId buy(Customer customer, String plan, boolean trial) {
        var order = api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                "{\"plan\":\"" + plan + "\",\"currency\":\"USD\",\"trial\":" + trial + ",\"paymentMethod\":"
                        + TestCustomers.CARD_OK + "}");
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        return SubscriptionId.of(order.json().path("subscriptionId").asString());
    }

    long limit(Customer customer, String feature) {
        var answer = api.get(
                        "/internal/v1/accounts/" + customer.id() + "/entitlements/" + feature,
                        TestCustomers.SERVICE_TOKEN)
                .json();
        return answer.path("limit").asLong();
    }

    /**
     * The invoice run's workers share the set of subscriptions to skip and take ids out of it while another worker
     * reads it: a set that empties between "is it empty?" and reading it must not become "not in ()" in the SQL.
     */
    @Test
    void renewingDueSubscriptionsCopesWithASkipSetEmptiedByAnotherWorker() {
        java.util.Collection<SubscriptionId> emptiedMeanwhile = new java.util.AbstractCollection<>() {
            @Override
            public java.util.Iterator<SubscriptionId> iterator() {
                return java.util.Collections.emptyIterator();
            }

            @Override
            public int size() {
                return 0;
            }

            @Override
            public boolean isEmpty() {
                return false; // it had an id when asked; another worker took it out before it was read
            }
        };
        org.assertj.core.api.Assertions.assertThatCode(
                        () -> renewals.renewDue(java.time.Instant.now(), emptiedMeanwhile, 1))
                .doesNotThrowAnyException();
    }

    @Test
    void aTrialGrantsServiceWithoutChargingAndConvertsWhenItEnds() {
        Customer customer = customers.create();
        SubscriptionId id = buy(customer, "edge-pro-monthly", true);
        Subscription trialing = subscriptions.get(id);
        assertThat(trialing.status()).isEqualTo(SubscriptionStatus.TRIALING);
        assertThat(Duration.between(trialing.currentPeriod().start(), trialing.trialEnd())
                        .toDays())
                .isEqualTo(14);
        assertThat(charges.paymentsOf(customer.account().id())).isEmpty();
        assertThat(limit(customer, "load_balancers")).isEqualTo(5);

        clock.set(trialing.trialEnd().plusSeconds(60));
        invoiceRuns.runNow(clock.instant(), "test");

        Subscription converted = subscriptions.get(id);
        assertThat(converted.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(converted.currentPeriod().start()).isEqualTo(trialing.trialEnd());
        List<Invoice> invoices = invoicing.invoices(customer.account().id());
        assertThat(invoices)
                .singleElement()
                .satisfies(i -> assertThat(i.total()).isEqualTo(Money.parse("50.00", "USD")));
        assertThat(charges.paymentsOf(customer.account().id())).hasSize(1);
        // one trial per product and account
        assertThat(subscriptions.trialAvailable(
                        customer.account().id(),
                        catalog.current().plan("edge-pro-monthly").orElseThrow()))
                .isFalse();
    }

    @Test
    void annualCancellationKeepsServiceUntilPeriodEndThenDropsItWithoutAnotherInvoice() {
        Customer customer = customers.create();
        SubscriptionId id = buy(customer, "edge-pro-annual", false);
        var quote = planChanges.quoteChange(id, null);
        assertThat(quote.timing()).isEqualTo(com.abacus.catalog.ChangeTiming.PERIOD_END);
        var canceled = api.post(
                "/api/v1/subscriptions/" + id + "/cancel",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                "");
        assertThat(canceled.json().path("status").asString()).isEqualTo("active");

        Subscription subscription = subscriptions.get(id);
        clock.set(subscription.currentPeriod().end().minus(Duration.ofDays(1)));
        assertThat(limit(customer, "load_balancers")).isEqualTo(5);

        clock.set(subscription.currentPeriod().end().plusSeconds(60));
        invoiceRuns.runNow(clock.instant(), "test");

        assertThat(subscriptions.get(id).status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(invoicing.invoices(customer.account().id())).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> limit(customer, "load_balancers") == 0);
        assertThat(api.get("/internal/v1/accounts/" + customer.id() + "/entitlements", TestCustomers.SERVICE_TOKEN)
                        .json()
                        .path("features")
                        .size())
                .isZero();
    }

    @Test
    void annualDowngradeIsAppliedAtRenewalAndBilledAtTheNewPrice() {
        Customer customer = customers.create();
        SubscriptionId id = buy(customer, "edge-business-annual", false);
        planChanges.scheduleChange(id, "edge-pro-annual");
        Subscription subscription = subscriptions.get(id);
        assertThat(limit(customer, "load_balancers")).isEqualTo(20);

        clock.set(subscription.currentPeriod().end().plusSeconds(60));
        invoiceRuns.runNow(clock.instant(), "test");

        Subscription renewed = subscriptions.get(id);
        assertThat(renewed.planCode()).isEqualTo("edge-pro-annual");
        assertThat(renewed.scheduledChange()).isNull();
        assertThat(invoicing.invoices(customer.account().id()))
                .filteredOn(i -> i.periodStart().equals(renewed.currentPeriod().start()))
                .singleElement()
                .satisfies(i -> assertThat(i.total()).isEqualTo(Money.parse("500.00", "USD")));
        await().atMost(Duration.ofSeconds(10)).until(() -> limit(customer, "load_balancers") == 5);
    }

    @Test
    void aTrialGrantedByStaffExpiresByItself() {
        Customer customer = customers.create();
        var trial = entitlements.grantTrial(
                customer.account().id(),
                null,
                Map.of("image_resizing", "true", "load_balancers", "3"),
                2,
                "Proof of concept",
                "test");
        assertThat(limit(customer, "load_balancers")).isEqualTo(3);

        clock.set(trial.endsAt().plusSeconds(1));
        assertThat(entitlementJobs.expireDue()).isGreaterThanOrEqualTo(1);
        assertThat(limit(customer, "load_balancers")).isZero();
        assertThat(api.get(
                                "/internal/v1/accounts/" + customer.id() + "/entitlements/image_resizing",
                                TestCustomers.SERVICE_TOKEN)
                        .json()
                        .path("enabled")
                        .asBoolean())
                .isFalse();
    }
}
