package com.abacus.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.abacus.ApiClient;
import com.abacus.Browser;
import com.abacus.IntegrationTest;
import com.abacus.TestCustomers;
import com.abacus.TestCustomers.Customer;
import com.abacus.accounts.StaffDirectory;
import com.abacus.accounts.StaffRole;
import com.abacus.invoicing.Invoicing;
import com.abacus.payments.Charges;
import com.abacus.payments.ProcessorMigration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The console in a real browser, the way staff use it. Screenshots of the main pages land in ui/screenshots. */
@IntegrationTest
class ConsoleBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    StaffDirectory staff;

    @Autowired
    TestCustomers customers;

    @Autowired
    Charges charges;

    @Autowired
    ProcessorMigration migration;

    @Autowired
    Invoicing invoicing;

    @Autowired
    com.abacus.subscriptions.Subscriptions subscriptions;

    @Autowired
    com.abacus.subscriptions.SubscriptionMetrics metrics;

    final com.abacus.shared.web.Formats formats = new com.abacus.shared.web.Formats();

    @Autowired
    com.abacus.discounts.Coupons coupons;

    Browser browser;
    Customer customer;

    @BeforeEach
    void open() {
        browser = Browser.open(port);
        staff.createStaffUser("browser-support", "Sam Support", "support-password", Set.of(StaffRole.SUPPORT));
        staff.createStaffUser("browser-finance", "Fiona Finance", "finance-password", Set.of(StaffRole.FINANCE));
        staff.createStaffUser("browser-admin", "Ada Admin", "admin-password", Set.of(StaffRole.ADMIN));
        customer = customers.create();
        var order = new ApiClient(port)
                .post(
                        "/api/v1/orders",
                        customer.apiKey(),
                        UUID.randomUUID().toString(),
                        TestCustomers.order("edge-pro-monthly", "USD", TestCustomers.CARD_OK));
        assertThat(order.status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !invoicing.invoices(customer.account().id()).isEmpty());
    }

    @AfterEach
    void close() {
        // Null when Chromium is missing outside CI and the test was skipped before opening it.
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void supportFindsAnAccountRefundsPartOfAPaymentAndSeesTheCreditNoteAndAuditEntry() {
        browser.signInToConsole("browser-support", "support-password");
        browser.go("/admin/accounts");
        WebElement search = browser.waitFor(By.id("q"));
        search.sendKeys(customer.account().email());
        browser.waitForText(By.id("results"), customer.account().email());
        // Results update as the email is typed; earlier, partial matches may still be listed above ours.
        browser.click(By.xpath(
                "//*[@id='results']//tr[contains(., '" + customer.account().email() + "')]//a"));

        browser.waitFor(By.id("payments"));
        browser.shows(By.id("entitlements"), "Plan Edge Network Pro");
        browser.shows(By.tagName("main"), "Plan Edge Network Pro", "Load balancers", "succeeded");
        browser.showsNone(By.tagName("main"), "plan:edge-pro-monthly", "load_balancers");
        browser.screenshot("console-account");
        browser.driver()
                .findElement(By.xpath("//a[normalize-space()='Refund…']"))
                .click();
        WebElement amount = browser.waitFor(By.cssSelector(".refund-step input[name=amount]"));
        amount.clear();
        amount.sendKeys("20.00");
        browser.driver()
                .findElement(By.cssSelector(".refund-step input[name=reason]"))
                .sendKeys("Outage on 3 March");
        browser.driver()
                .findElement(By.xpath("//button[normalize-space()='Review refund']"))
                .click();
        browser.waitForText(By.cssSelector(".refund-step"), "Confirm refund");
        assertThat(browser.driver().findElement(By.cssSelector(".refund-step")).getText())
                .contains("USD 20.00")
                .contains("legacy processor")
                .contains("INV-");
        browser.screenshot("console-refund-confirm");
        browser.driver()
                .findElement(By.xpath("//button[normalize-space()='Refund now']"))
                .click();
        browser.waitFor(By.cssSelector(".refund-result"));
        assertThat(browser.driver()
                        .findElement(By.cssSelector(".refund-result"))
                        .getText())
                .contains("USD 20.00")
                .contains("succeeded");
        browser.screenshot("console-refund-done");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !invoicing.creditNotes(customer.account().id()).isEmpty());
        browser.go("/admin/accounts/" + customer.id());
        browser.waitFor(By.id("credit-notes"));
        assertThat(browser.driver().findElement(By.id("credit-notes")).getText())
                .contains("CN-")
                .contains("Outage on 3 March");
        assertThat(browser.driver().findElement(By.id("audit")).getText())
                .contains("REFUND_ISSUED")
                .contains("browser-support");
        assertThat(charges.payment(charges.paymentsOf(customer.account().id())
                                .get(0)
                                .id())
                        .refunded()
                        .toPlainString())
                .isEqualTo("20.00");
    }

    @Test
    void supportKeepsABusinessCustomersVatNumberAndAnAdminExemptsItFromTax() {
        browser.signInToConsole("browser-admin", "admin-password");
        browser.go("/admin/accounts/" + customer.id());
        browser.waitFor(By.id("billing-details"));
        browser.shows(By.id("billing-details"), "none: no tax is charged until one is given");
        browser.click(By.cssSelector("#billing-details summary"));
        browser.driver().findElement(By.id("bd-line1")).sendKeys("1 rue de Rivoli");
        browser.driver().findElement(By.id("bd-postal")).sendKeys("75001");
        browser.driver().findElement(By.id("bd-city")).sendKeys("Paris");
        browser.driver().findElement(By.id("bd-country")).sendKeys("FR");
        browser.driver().findElement(By.id("bd-tax-value")).sendKeys("FR 40 303 265 045");
        browser.driver().findElement(By.id("bd-reason")).sendKeys("customer sent their VAT certificate");
        browser.click(By.cssSelector("#billing-details form.stacked button[type=submit]"));
        browser.shows(By.cssSelector(".notice.ok"), "Billing details saved");
        browser.waitFor(By.id("billing-details"));
        browser.shows(By.cssSelector(".billing-address"), "1 rue de Rivoli, 75001 Paris, France");
        browser.shows(By.cssSelector(".tax-id"), "FR40303265045 (verified)");

        browser.driver().findElement(By.id("bd-exempt-reason")).sendKeys("registered charity");
        browser.click(By.xpath("//button[normalize-space()='Exempt from tax']"));
        browser.waitFor(By.id("billing-details"));
        browser.shows(By.cssSelector(".tax-status"), "exempt: registered charity");
        browser.shows(By.tagName("main"), "BILLING_DETAILS_CHANGED", "customer sent their VAT certificate");
        browser.screenshot("console-billing-details");
    }

    @Test
    void anAdminCreatesACouponAndSupportGivesItToASubscriptionWithAReason() {
        String code = "WELCOME" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(java.util.Locale.ROOT);
        browser.signInToConsole("browser-admin", "admin-password");
        browser.go("/admin/coupons");
        browser.waitFor(By.id("code")).sendKeys(code);
        browser.driver().findElement(By.id("name")).sendKeys("Welcome back");
        browser.driver().findElement(By.id("amountOff")).sendKeys("15.00");
        new Select(browser.driver().findElement(By.id("duration"))).selectByVisibleText("a number of invoices");
        browser.driver().findElement(By.id("durationInPeriods")).sendKeys("2");
        browser.driver().findElement(By.id("plans")).sendKeys("edge-pro-monthly");
        browser.click(By.xpath("//button[normalize-space()='Create coupon']"));
        browser.shows(By.cssSelector(".notice.ok"), "Coupon " + code + " created");
        // Read as people read it: the amount with its symbol, "2 invoices", the plan's name, not its code.
        browser.shows(
                By.xpath("//table[@id='coupons']//tr[contains(., '" + code + "')]"),
                "Welcome back",
                "$15.00",
                "2 invoices",
                "Edge Network Pro",
                "0");
        browser.showsNone(By.xpath("//table[@id='coupons']//tr[contains(., '" + code + "')]"), "edge-pro-monthly");
        browser.screenshot("console-coupons");
        browser.signOutOfConsole();

        browser.signInToConsole("browser-support", "support-password");
        browser.go("/admin/accounts/" + customer.id());
        WebElement form = browser.waitFor(By.cssSelector(".coupon-form"));
        new Select(form.findElement(By.name("coupon"))).selectByValue(code);
        form.findElement(By.name("reason")).sendKeys("Welcome back after the outage");
        form.findElement(By.tagName("button")).click();
        browser.shows(By.cssSelector(".notice.ok"), "Coupon Welcome back ($15.00 off) applied from the next invoice");
        browser.shows(By.cssSelector(".badge.discount"), "Welcome back ($15.00 off), for service until");
        browser.shows(By.id("audit"), "COUPON_APPLIED", "Welcome back after the outage");
        browser.screenshot("console-account-coupon");
        assertThat(coupons.get(code).timesRedeemed()).isEqualTo(1);
    }

    @Test
    void salesSeeEveryContractAndThoseEndingInTheNext90Days() {
        staff.createStaffUser("browser-sales", "Sid Sales", "sales-password", Set.of(StaffRole.SALES));
        // A 12-month contract that started 11 months ago ends within 90 days; it was quoted and signed by API.
        java.time.LocalDate start = java.time.LocalDate.now().minusMonths(11);
        var api = new ApiClient(port);
        var quote = api.post(
                "/api/v1/quotes", TestCustomers.SERVICE_TOKEN, UUID.randomUUID().toString(), """
                {"accountId": "%s", "currency": "USD", "startDate": "%s", "termMonths": 12, "billing": "annual",
                 "paymentTerms": "net60", "autoRenew": true,
                 "items": [{"plan": "stream-plus-monthly", "prices": [{"fromMonth": 1, "monthly": "900.00"}]}]}""".formatted(
                                customer.id(), start));
        assertThat(quote.status()).as(quote.body()).isEqualTo(201);
        var contract = api.post(
                "/api/v1/quotes/" + quote.json().path("id").asString() + "/accept",
                TestCustomers.SERVICE_TOKEN,
                UUID.randomUUID().toString(),
                "{}");
        assertThat(contract.status()).as(contract.body()).isEqualTo(201);
        String number = contract.json().path("number").asString();

        browser.signInToConsole("browser-sales", "sales-password");
        browser.go("/admin/contracts");
        browser.shows(
                By.id("renewals"),
                number,
                "renews",
                java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy", java.util.Locale.ENGLISH)
                        .format(start.plusMonths(12).minusDays(1)));
        browser.shows(
                By.xpath("//table[@id='contracts']//tr[contains(., '" + number + "')]"),
                "Stream",
                "annual",
                "net60",
                "active");
        browser.screenshot("console-contracts");
    }

    @Test
    void supportIsRefusedADialChange() {
        browser.signInToConsole("browser-support", "support-password");
        browser.go("/admin/payments/migration");
        browser.waitFor(By.id("percent"));
        // Volumes in major units at each currency's scale ("USD 50.00"), never minor units ("USD 5000").
        var volumes = browser.driver().findElements(By.cssSelector(".volume"));
        assertThat(volumes).isNotEmpty();
        assertThat(volumes).allSatisfy(v -> assertThat(v.getText()).matches("(JPY [\\d,]+|[A-Z]{3} [\\d,]+\\.\\d{2})"));
        // Each slot's methods as configured: SEPA Direct Debit only on the new processor.
        browser.shows(By.cssSelector(".method-routing"), "SEPA Direct Debit", "PayPal", "yes, every currency", "no");
        browser.screenshot("console-processor-migration");
        WebElement percent = browser.driver().findElement(By.id("percent"));
        percent.clear();
        percent.sendKeys("50");
        browser.driver().findElement(By.id("dial-reason")).sendKeys("trying");
        browser.driver()
                .findElement(By.xpath("//button[normalize-space()='Apply']"))
                .click();
        browser.confirm(true);
        browser.waitForText(By.tagName("main"), "Not allowed");
        assertThat(browser.text()).contains("Your role does not allow this action");
        assertThat(migration.dial().percent()).isZero();
    }

    @Test
    void anAdminHaltsTheNewProcessorForPayPalAloneAndResumesIt() {
        browser.signInToConsole("browser-admin", "admin-password");
        browser.go("/admin/payments/migration");
        browser.waitFor(By.id("halt-reason-paypal"));
        // SEPA Direct Debit, which only the new processor takes, has no halt of its own.
        assertThat(browser.driver().findElements(By.id("halt-reason-sepa_debit")))
                .isEmpty();
        browser.shows(By.cssSelector(".method-routing"), "only one processor takes it", "running");
        browser.driver().findElement(By.id("halt-reason-paypal")).sendKeys("PayPal timeouts at the new processor");
        browser.driver()
                .findElement(By.xpath("//td[contains(@class,'method-halt')]//button[normalize-space()='Halt']"
                        + "[ancestor::tr//td[normalize-space()='PayPal']]"))
                .click();
        browser.confirm(true);
        browser.waitForText(By.tagName("main"), "New processor halted for PayPal");
        browser.shows(By.cssSelector(".method-routing"), "halted");
        browser.shows(By.cssSelector(".halted-methods"), "PayPal");
        assertThat(migration.dial().haltedMethods()).containsExactly(com.abacus.payments.PaymentMethodType.PAYPAL);
        assertThat(migration.dial().halted()).isFalse();
        browser.screenshot("console-migration-paypal-halted");

        browser.driver().findElement(By.id("halt-reason-paypal")).sendKeys("PayPal is well again");
        browser.driver()
                .findElement(By.xpath("//td[contains(@class,'method-halt')]//button[normalize-space()='Resume']"))
                .click();
        browser.waitForText(By.tagName("main"), "New processor resumed for PayPal");
        assertThat(migration.dial().haltedMethods()).isEmpty();
    }

    @Test
    void financeDownloadsAnExport() throws Exception {
        browser.signInToConsole("browser-finance", "finance-password");
        browser.go("/admin/finance");
        browser.waitFor(By.id("export-format"));
        browser.screenshot("console-finance");
        new Select(browser.driver().findElement(By.id("export-format"))).selectByValue("csv");
        browser.driver()
                .findElement(By.xpath("//button[normalize-space()='Prepare export']"))
                .click();
        WebElement download = browser.waitFor(By.cssSelector("a.export-download"));
        String href = download.getAttribute("href");
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(href))
                                .header("Cookie", "JSESSIONID=" + browser.cookie("JSESSIONID"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition").orElse(""))
                .contains("abacus-csv-");
        assertThat(response.body()).startsWith("period,account_id,product,category,currency,recognized,refunds,net");
        browser.screenshot("console-finance-export");
    }

    @Test
    void billingEngineersWatchAnInvoiceRun() {
        browser.signInToConsole("browser-admin", "admin-password");
        browser.go("/admin/billing");
        browser.waitFor(By.xpath("//button[normalize-space()='Start an invoice run now']"))
                .click();
        browser.waitForText(By.id("run-progress"), "completed");
        browser.screenshot("console-billing");
        browser.go("/admin/catalog");
        browser.waitFor(By.id("versions"));
        browser.screenshot("console-catalog");
        browser.go("/admin/audit");
        browser.waitFor(By.tagName("table"));
        assertThat(browser.text()).contains("INVOICE_RUN_STARTED");
        browser.screenshot("console-audit");
    }

    /**
     * A billing engineer builds a scenario on a test clock: creates the clock, opens an account on it (its page says it
     * lives on the clock), advances a month with the date picker and reads what the advance did.
     */
    @Test
    void billingEngineersSimulateAMonthOnATestClock() {
        browser.signInToConsole("browser-admin", "admin-password");
        browser.go("/admin/test-clocks");
        browser.waitFor(By.id("name")).sendKeys("Browser scenario");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("document.getElementById('frozenTime').value = '2027-01-31T10:00'");
        browser.click(By.xpath("//button[normalize-space()='Create clock']"));
        browser.waitForText(By.id("clock-status-card"), "2027-01-31 10:00 UTC");
        browser.waitFor(By.id("acc-name")).sendKeys("Clock Carla");
        browser.waitFor(By.id("acc-email")).sendKeys("carla-" + UUID.randomUUID() + "@example.com");
        browser.click(By.xpath("//button[normalize-space()='Open account']"));
        browser.waitFor(By.className("test-clock-banner"));
        assertThat(browser.text()).contains("Clock Carla", "Test account on the test clock Browser scenario");
        browser.screenshot("console-account-on-test-clock");
        browser.click(By.linkText("Browser scenario"));
        ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("document.getElementById('to').value = '2027-03-01T00:00'");
        browser.click(By.xpath("//button[normalize-space()='Advance clock']"));
        // The advance's summary ("… steps …") only appears once it has finished.
        browser.waitForText(By.id("clock-status-card"), "steps");
        browser.shows(By.id("clock-status-card"), "ready", "2027-03-01 00:00 UTC");
        assertThat(browser.text()).contains("Clock Carla", "steps");
        browser.screenshot("console-test-clock");
    }

    /**
     * Destructive buttons ask first, whether or not htmx sends the form: "no" leaves the subscription live, "yes" ends
     * it. A refused form keeps what was typed, with the message next to the field.
     */
    @Test
    void destructiveActionsAskFirstAndRefusalsKeepWhatWasTyped() {
        browser.signInToConsole("browser-admin", "admin-password");
        browser.go("/admin/accounts/" + customer.id());
        browser.shows(By.cssSelector("section[aria-labelledby=subs]"), "Edge Network Pro", "active");
        browser.waitFor(By.cssSelector("input[name=reason][id^=cancel-]")).sendKeys("customer asked");
        browser.click(By.xpath("//button[normalize-space()='Cancel now']"));
        browser.confirm(false);
        assertThat(subscriptions
                        .forAccount(customer.account().id())
                        .get(0)
                        .status()
                        .isLive())
                .isTrue();

        WebElement price = browser.waitFor(By.id("c-price"));
        price.sendKeys("lots");
        browser.driver().findElement(By.id("c-terms")).sendKeys("Net 30, signed by Ada");
        browser.click(By.xpath("//button[normalize-space()='Save contract price']"));
        browser.waitFor(By.cssSelector("#c-price[aria-invalid=true]"));
        browser.shows(By.cssSelector("form[action$='/contracts']"), "price");
        assertThat(browser.driver().findElement(By.id("c-terms")).getAttribute("value"))
                .isEqualTo("Net 30, signed by Ada");
        browser.screenshot("console-form-refused");

        browser.click(By.xpath("//button[normalize-space()='Cancel now']"));
        browser.confirm(true);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !subscriptions
                        .forAccount(customer.account().id())
                        .get(0)
                        .status()
                        .isLive());
        browser.shows(By.cssSelector("section[aria-labelledby=subs]"), "canceled");
    }

    @Test
    void unknownConsoleAddressesAreStyledPages() {
        browser.signInToConsole("browser-support", "support-password");
        browser.go("/admin/no-such-page");
        browser.shows(By.tagName("h1"), "Page not found");
        browser.shows(By.tagName("header"), "Abacus console");
        browser.showsNone(By.tagName("body"), "Whitelabel", "status\":");
        browser.screenshot("console-not-found");
    }

    /**
     * The dashboard's figures as staff read them: a Business plan with one extra load balancer adds USD 205.00 to MRR
     * (USD 2,460.00 a year); each figure opens its list, already filtered.
     */
    @Test
    void theDashboardShowsTheBusinessAndEachFigureOpensItsList() {
        long before = metrics.monthlyRecurringRevenue().getOrDefault("USD", 0L);
        Customer business = customers.create("USD", "America/Chicago", "Bianca Business");
        var order = new ApiClient(port)
                .post(
                        "/api/v1/orders",
                        business.apiKey(),
                        UUID.randomUUID().toString(),
                        "{\"plan\":\"edge-business-monthly\",\"currency\":\"USD\",\"addOns\":{\"edge-extra-load-balancer\":1},"
                                + "\"paymentMethod\":" + TestCustomers.CARD_OK + "}");
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        long after = metrics.monthlyRecurringRevenue().get("USD");
        assertThat(after - before).isEqualTo(20_500);

        browser.signInToConsole("browser-support", "support-password");
        browser.go("/admin");
        browser.shows(By.cssSelector("section[aria-labelledby=f-mrr]"), formats.money("USD", after));
        browser.shows(By.cssSelector("section[aria-labelledby=f-arr]"), formats.money("USD", after * 12));
        browser.shows(By.cssSelector("section[aria-labelledby=f-plans]"), "Edge Network Business");
        browser.screenshot("console-dashboard");
        browser.click(By.xpath("//section[@aria-labelledby='f-plans']//a[normalize-space()='Edge Network Business']"));
        browser.shows(By.id("results"), "Bianca Business");
        browser.showsNone(By.id("results"), customer.account().email());
        browser.screenshot("console-account-search");
        new Select(browser.waitFor(By.id("f-currency"))).selectByValue("EUR");
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> !d.findElement(By.id("results")).getText().contains("Bianca Business"));
        assertThat(browser.driver().getCurrentUrl()).contains("currency=EUR").contains("plan=edge-business-monthly");
    }
}
