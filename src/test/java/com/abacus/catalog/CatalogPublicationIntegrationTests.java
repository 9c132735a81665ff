package com.abacus.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.abacus.ApiClient;
import com.abacus.IntegrationTest;
import com.abacus.TestClock;
import com.abacus.TestCustomers;
import com.abacus.accounts.StaffDirectory;
import com.abacus.accounts.StaffRole;
import com.abacus.catalog.internal.CatalogPublisher;
import com.abacus.catalog.internal.CatalogSources;
import com.abacus.invoicing.InvoiceRuns;
import com.abacus.invoicing.Invoicing;
import com.abacus.shared.Money;
import com.abacus.subscriptions.CatalogMigrations;
import com.abacus.subscriptions.SubscriptionId;
import com.abacus.subscriptions.Subscriptions;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A changed catalog is a new immutable version; subscribers keep what they bought until explicitly moved. */
@IntegrationTest
class CatalogPublicationIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    CatalogPublisher publisher;

    @Autowired
    Catalog catalog;

    @Autowired
    Subscriptions subscriptions;

    @Autowired
    CatalogMigrations catalogMigrations;

    @Autowired
    Invoicing invoicing;

    @Autowired
    InvoiceRuns invoiceRuns;

    @Autowired
    TestCustomers customers;

    @Autowired
    StaffDirectory staff;

    @Autowired
    TestClock clock;

    @AfterEach
    void restoreShippedCatalog() {
        clock.reset();
        catalog.published(publisher.publishIfChanged(publisher.shippedFiles()));
    }

    @Test
    void subscriptionsKeepTheirVersionUntilMigrated() {
        ApiClient api = new ApiClient(port);
        var customer = customers.create();
        var order = api.post(
                "/api/v1/orders",
                customer.apiKey(),
                UUID.randomUUID().toString(),
                TestCustomers.order("stream-plus-monthly", "USD", TestCustomers.CARD_OK));
        SubscriptionId id =
                SubscriptionId.of(order.json().path("subscriptionId").asString());
        int bought = subscriptions.get(id).catalogVersion();

        Map<String, String> files = new TreeMap<>(publisher.shippedFiles().files());
        String raised = files.get("stream.yaml").replace("USD: \"25.00\"", "USD: \"27.00\"");

        // The pull request's diff: which prices change, and how many live subscriptions each touches.
        staff.createStaffUser("cat-admin", "Admin", "admin-password", Set.of(StaffRole.ADMIN));
        var diff = api.post(
                "/api/v1/catalog/diff",
                null,
                UUID.randomUUID().toString(),
                tools.jackson.databind.json.JsonMapper.builder()
                        .build()
                        .writeValueAsString(Map.of("files", Map.of("stream.yaml", raised))),
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString("cat-admin:admin-password".getBytes()));
        assertThat(diff.status()).as(diff.body()).isEqualTo(200);
        var change = diff.json().path("changes").get(0);
        assertThat(change.path("kind").asString()).isEqualTo("price_changed");
        assertThat(change.path("plan").asString()).isEqualTo("stream-plus-monthly");
        assertThat(change.path("field").asString()).isEqualTo("prices.USD");
        assertThat(change.path("subscriptionsAffected").asLong()).isGreaterThanOrEqualTo(1);

        var broken = api.post(
                "/api/v1/catalog/diff",
                null,
                UUID.randomUUID().toString(),
                "{\"files\":{\"stream.yaml\":\"product: stream\\nname: Stream\\nplans: []\\n\"}}",
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString("cat-admin:admin-password".getBytes()));
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().path("detail").asString()).contains("stream.yaml: plans: must not be empty");
        // Each problem is also a field error, with its file, like every other invalid-input problem.
        assertThat(broken.json().path("code").asString()).isEqualTo("invalid-catalog");
        var error = broken.json().path("errors").get(0);
        assertThat(error.path("file").asString()).isEqualTo("stream.yaml");
        assertThat(error.path("field").asString()).isEqualTo("plans");
        assertThat(error.path("message").asString()).isEqualTo("must not be empty");

        files.put("stream.yaml", raised);
        int published = publisher.publishIfChanged(CatalogSources.of(files));
        catalog.published(published);
        assertThat(published).isGreaterThan(bought);
        assertThat(publisher.publishIfChanged(CatalogSources.of(files))).isEqualTo(published);
        assertThat(catalog.version(bought)
                        .plan("stream-plus-monthly")
                        .orElseThrow()
                        .price("USD"))
                .contains(Money.parse("25.00", "USD"));

        // Grandfathered: the renewal still bills the price bought.
        var subscription = subscriptions.get(id);
        assertThat(subscription.catalogVersion()).isEqualTo(bought);
        clock.set(subscription.currentPeriod().end().plusSeconds(60));
        invoiceRuns.runNow(clock.instant(), "test");
        assertThat(invoicing.invoices(customer.account().id()))
                .filteredOn(i -> i.periodStart() != null
                        && i.periodStart().equals(subscription.currentPeriod().end()))
                .singleElement()
                .satisfies(i -> assertThat(i.total()).isEqualTo(Money.parse("25.00", "USD")));

        // An explicit migration moves it to the new version's price.
        int moved = catalogMigrations.migrateToVersion("stream-plus-monthly", bought, published, "test");
        assertThat(moved).isGreaterThanOrEqualTo(1);
        assertThat(subscriptions.get(id).price()).isEqualTo(Money.parse("27.00", "USD"));
        assertThat(subscriptions.get(id).catalogVersion()).isEqualTo(published);
    }
}
