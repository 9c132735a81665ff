package com.abacus.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.abacus.ApiClient;
import com.abacus.Browser;
import com.abacus.IntegrationTest;
import com.abacus.TestClock;
import com.abacus.TestCustomers;
import com.abacus.TestCustomers.Customer;
import com.abacus.invoicing.Invoicing;
import com.abacus.payments.Cards;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The customer site in Chromium, asserted by what a customer reads: prices in major units with their currency's
 * symbol, names instead of catalog codes, dates in the account's time zone. Every page is checked with axe-core and
 * kept as screenshots (1400 px and phone width) under ui/screenshots.
 */
@IntegrationTest
class SiteBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    TestCustomers customers;

    @Autowired
    Invoicing invoicing;

    @Autowired
    Cards cards;

    @Autowired
    TestClock clock;

    @Autowired
    com.abacus.discounts.Coupons coupons;

    Browser browser;

    @BeforeEach
    void open() {
        browser = Browser.open(port);
    }

    @AfterEach
    void close() {
        clock.reset();
        if (browser != null) {
            browser.close();
        }
    }

    void signIn(Customer customer) {
        browser.go("/login");
        browser.waitFor(By.id("email")).sendKeys(customer.account().email());
        browser.driver().findElement(By.id("password")).sendKeys("customer-password", Keys.ENTER);
        browser.waitFor(By.id("subs"));
    }

    void buy(Customer customer, String plan, String currency) {
        var order = new ApiClient(port)
                .post(
                        "/api/v1/orders",
                        customer.apiKey(),
                        UUID.randomUUID().toString(),
                        TestCustomers.order(plan, currency, TestCustomers.CARD_OK));
        assertThat(order.status()).as(order.body()).isEqualTo(201);
    }

    @Test
    void thePlansPageShowsEveryPriceAndWhatEachPlanGives() {
        browser.go("/plans");
        By business = By.xpath("//article[contains(@class,'plan')][h3[normalize-space()='Business']][1]");
        browser.shows(business, "$200.00", "Load balancers: 20", "Priority support: yes", "Image resizing: yes");
        browser.shows(
                By.xpath("//article[contains(@class,'plan')][h3[normalize-space()='Starter']][1]"),
                "Load balancers: 1",
                "Priority support: no");
        browser.shows(By.cssSelector(".add-on"), "Extra load balancer", "$5.00", "Edge Network Pro");
        browser.shows(
                By.xpath("//article[contains(@class,'usage-charge')][contains(., 'Minutes delivered')]"),
                "First 10,000 minutes delivered: included",
                "Above 10,000: $1.00 per 1,000",
                "At most $1,000.00 a month");
        // A plan priced with tax included says so; the others do not.
        browser.shows(
                By.xpath("//article[contains(@class,'plan')][h3[normalize-space()='Stream Plus']]"),
                "$25.00",
                "tax included");
        browser.showsNone(By.xpath("//article[contains(@class,'plan')][h3[normalize-space()='Stream Basic']]"), "tax");
        browser.screenshot("site-plans");
        browser.go("/plans?currency=JPY");
        browser.shows(By.xpath("//article[contains(@class,'plan')][h3[normalize-space()='Stream Plus']]"), "¥3,750");
        browser.showsNone(By.tagName("main"), "JPY 3750", "¥3,750.00");
    }

    /** Bought at 04:48 on 2 December in Tokyo, which is still 1 December in UTC. */
    @Test
    void aTokyoCustomerReadsYenTokyoDatesAndNames() {
        clock.set(Instant.parse("2026-12-01T19:48:00Z"));
        Customer customer = customers.create("JPY", "Asia/Tokyo", "Daiki Tanaka");
        buy(customer, "stream-plus-monthly", "JPY");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !invoicing.invoices(customer.account().id()).isEmpty());
        signIn(customer);
        browser.shows(By.cssSelector(".subscription"), "Stream Plus", "¥3,750 / month", "2 Dec 2026 – 2 Jan 2027");
        browser.shows(By.id("invoice-list"), "¥3,750", "2 Dec 2026", "paid");
        browser.shows(By.cssSelector(".features"), "Live inputs: 10", "Signed URLs: yes");
        browser.shows(By.cssSelector(".upcoming-total"), "¥3,750");
        browser.shows(By.cssSelector(".upcoming-date"), "2 Jan 2027");
        browser.showsNone(By.tagName("main"), "stream-plus-monthly", "live_inputs", "1 Dec 2026", "JPY 3750");
        browser.screenshot("site-account");
    }

    @Test
    void aCustomerGivesABillingAddressAndVatNumberAndCheckoutShowsTheTax() {
        clock.set(Instant.parse("2026-12-02T15:00:00Z"));
        Customer customer = customers.create("EUR", "Europe/Berlin", "Greta Gruber");
        signIn(customer);
        browser.waitFor(By.id("billing-details"));
        browser.shows(By.id("billing-details"), "none: no tax is charged until one is given");
        browser.click(By.cssSelector("#billing-details summary"));
        browser.driver().findElement(By.id("bd-line1")).sendKeys("Unter den Linden 1");
        browser.driver().findElement(By.id("bd-postal")).sendKeys("10117");
        browser.driver().findElement(By.id("bd-city")).sendKeys("Berlin");
        browser.driver().findElement(By.id("bd-country")).sendKeys("de");
        browser.click(By.cssSelector("#billing-details button[type=submit]"));
        browser.shows(By.cssSelector(".notice.ok"), "Billing details saved");
        browser.waitFor(By.id("billing-details"));
        browser.shows(By.cssSelector(".billing-address"), "Unter den Linden 1, 10117 Berlin, Germany");
        browser.screenshot("site-billing-details");

        // A German consumer pays German VAT: 19% of €47.00 is €8.93, shown before paying.
        browser.go("/checkout?plan=edge-pro-monthly&currency=EUR");
        browser.shows(By.id("quote"), "Subtotal", "€47.00", "Tax", "€8.93", "Total today, tax included", "€55.93");
        browser.screenshot("site-checkout-with-tax");
    }

    @Test
    void aPromotionCodeTypedAtCheckoutShowsItsDiscountBeforePayingAndOnTheAccountPage() {
        clock.set(Instant.parse("2026-12-02T15:00:00Z"));
        String coupon = "SPRING" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(java.util.Locale.ROOT);
        coupons.create(new com.abacus.discounts.NewCoupon(
                coupon, "Spring sale", new java.math.BigDecimal("20"), null, "repeating", 3, null, null, null));
        String code = "spring-" + UUID.randomUUID().toString().substring(0, 6);
        coupons.createPromotionCode(new com.abacus.discounts.NewPromotionCode(code, coupon, null, null, false));
        Customer customer = customers.create("USD", "America/New_York", "Pat Promo");
        signIn(customer);
        browser.go("/checkout?plan=edge-pro-monthly&currency=USD");
        var field = browser.waitFor(By.id("promotionCode"));
        field.sendKeys("NOT-A-CODE", Keys.TAB);
        browser.shows(By.id("promotionCode-error"), "'NOT-A-CODE' is not a promotion code");
        browser.shows(By.id("quote"), "$50.00");
        field = browser.waitFor(By.id("promotionCode"));
        field.clear();
        // Typed in capitals: codes are matched in any case.
        field.sendKeys(code.toUpperCase(java.util.Locale.ROOT), Keys.TAB);
        browser.shows(
                By.id("quote"),
                "Subtotal",
                "$50.00",
                "Spring sale (20% off)",
                "$10.00",
                "Total today",
                "$40.00",
                "on the first 3 invoices");
        // Every total on the page follows the quote: the button and the trial's first charge too.
        browser.shows(By.id("pay-button"), "Pay $40.00");
        browser.shows(By.id("trial-text"), "$40.00 when it ends");
        browser.screenshot("site-checkout-promotion-code");
        browser.click(By.cssSelector("#checkout-form button[type=submit]"));
        browser.waitForText(By.tagName("h1"), "all set");
        browser.go("/account");
        // Three periods from 2 December in New York: the coupon covers invoices until 2 March.
        browser.shows(By.cssSelector(".subscription-coupon"), "Spring sale (20% off) for service until 2 Mar 2027");
        browser.screenshot("site-account-coupon");
    }

    @Test
    void aCustomerReadsTheirQuoteWithEveryInvoiceAndAcceptsIt() {
        Customer customer = customers.create("USD", "America/New_York", "Acme Buyer");
        var created = new ApiClient(port)
                .post(
                        "/api/v1/quotes",
                        TestCustomers.SERVICE_TOKEN,
                        UUID.randomUUID().toString(),
                        """
                        {"accountId": "%s", "currency": "USD", "startDate": "2027-01-31", "termMonths": 12,
                         "billing": "quarterly", "paymentTerms": "net30",
                         "items": [{"plan": "edge-business-monthly", "quantity": 1,
                                    "prices": [{"fromMonth": 1, "monthly": "1500.00"}, {"fromMonth": 7, "monthly": "1650.00"}]}],
                         "commitment": {"minimum": "20000.00"}}""".formatted(customer.id()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String url = created.json().path("acceptUrl").asString();
        signIn(customer);
        browser.go(url);
        browser.shows(
                By.id("quote-terms"),
                "Open until",
                "12 months, 31 Jan 2027 to 30 Jan 2028",
                "Quarterly, in advance",
                "Bank transfer within 30 days",
                "$20,000.00 over the term");
        browser.shows(
                By.id("quote-items"),
                "Edge Network Business",
                "Months 1–6: $1,500.00 a month",
                "Months 7–12: $1,650.00");
        // Four quarters (4,500 + 4,500 + 4,950 + 4,950 = 18,900) and the true-up to the 20,000 committed.
        browser.shows(
                By.id("quote-schedule"),
                "31 Jan 2027",
                "$4,500.00",
                "31 Jul 2027",
                "$4,950.00",
                "Commitment true-up, if usage adds nothing",
                "$1,100.00");
        browser.showsNone(By.tagName("main"), "edge-business-monthly", "NET30", "2027-01-31");
        browser.screenshot("site-quote");
        browser.click(By.id("accept-quote"));
        browser.confirm(true);
        browser.shows(By.cssSelector(".notice.ok"), "Thank you: contract CTR-", "is signed");
        browser.shows(By.cssSelector(".quote-status"), "Accepted");
        assertThat(browser.driver().findElements(By.id("accept-quote"))).isEmpty();
        browser.screenshot("site-quote-accepted");
    }

    @Test
    void aTrialSaysNothingIsDueTodayAndWhenTheTrialEnds() {
        clock.set(Instant.parse("2026-12-02T15:00:00Z"));
        Customer customer = customers.create("EUR", "Europe/Berlin", "Bruno Berger");
        signIn(customer);
        browser.go("/checkout?plan=edge-pro-monthly&currency=EUR");
        browser.shows(By.id("quote"), "€47.00");
        browser.click(By.name("trial"));
        browser.screenshot("site-checkout");
        browser.click(By.cssSelector("#checkout-form button[type=submit]"));
        browser.waitForText(By.tagName("h1"), "all set");
        browser.shows(By.cssSelector(".due-today"), "€0.00");
        browser.shows(By.cssSelector(".trial-end"), "16 Dec 2026");
        browser.shows(
                By.id("order-status"),
                "Edge Network Pro",
                "€47.00 / month, charged when the trial ends",
                "Load balancers: 5");
        browser.showsNone(By.id("order-status"), "Total", "edge-pro-monthly", "load_balancers");
        browser.screenshot("site-order-confirmed");
    }

    @Test
    void aDeclinedCardIsRefusedWithWhatWasTypedKeptAndIsNotSaved() {
        Customer customer = customers.create();
        signIn(customer);
        browser.go("/checkout?plan=stream-basic-monthly&currency=USD");
        var number = browser.waitFor(By.id("cardNumber"));
        number.clear();
        number.sendKeys("4000 0000 0000 0002");
        browser.click(By.cssSelector("#checkout-form button[type=submit]"));
        browser.shows(By.cssSelector(".notice.error"), "declined");
        assertThat(browser.driver().findElement(By.id("cardNumber")).getAttribute("value"))
                .isEqualTo("4000 0000 0000 0002");
        assertThat(cards.paymentMethods(customer.account().id())).isEmpty();

        number = browser.waitFor(By.id("cardNumber"));
        number.clear();
        number.sendKeys("4242");
        browser.click(By.cssSelector("#checkout-form button[type=submit]"));
        browser.shows(By.id("cardNumber-error"), "is not a valid card number");
        assertThat(browser.driver().findElement(By.id("cardNumber")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        browser.screenshot("site-checkout-refused");
    }

    @Test
    void aThreeDSecureOrderIsConfirmedOnTheBanksPage() {
        Customer customer = customers.create();
        signIn(customer);
        browser.go("/checkout?plan=stream-basic-monthly&currency=USD");
        var number = browser.waitFor(By.id("cardNumber"));
        number.clear();
        number.sendKeys("4000000000003220");
        browser.click(By.cssSelector("#checkout-form button[type=submit]"));
        browser.waitForText(By.tagName("h1"), "Your bank asks you to confirm this payment");
        browser.click(By.cssSelector("a.authenticate"));
        browser.shows(By.cssSelector(".bank-challenge"), "$5.00", "Stream Basic");
        browser.screenshot("site-3ds-challenge");
        browser.click(By.xpath("//button[normalize-space()='Approve payment']"));
        browser.waitForText(By.tagName("h1"), "all set");
        browser.shows(By.cssSelector(".due-today"), "$5.00");
    }

    @Test
    void aSepaCheckoutIsServedAtOnceAndSaysTheDebitSettlesLater() {
        clock.set(Instant.parse("2026-12-02T15:00:00Z"));
        Customer customer = customers.create("EUR", "Europe/Berlin", "Greta Graf");
        signIn(customer);
        browser.go("/checkout?plan=edge-pro-monthly&currency=EUR");
        browser.click(By.cssSelector("input[name=paymentMethod][value=sepa]"));
        browser.waitFor(By.id("iban")).sendKeys("DE89 3704 0044 0532 0130 00");
        browser.shows(By.cssSelector(".mandate-text"), "Abacus Billing Ltd", "DE98ZZZ09999999999");
        browser.click(By.cssSelector("#checkout-form button[type=submit]"));
        browser.shows(By.id("mandateAccepted-error"), "must be accepted to pay by SEPA Direct Debit");
        assertThat(browser.driver().findElement(By.id("iban")).getAttribute("value"))
                .isEqualTo("DE89 3704 0044 0532 0130 00");
        assertThat(cards.paymentMethods(customer.account().id())).isEmpty();
        browser.click(By.cssSelector("input[name=paymentMethod][value=sepa]"));
        browser.click(By.name("mandateAccepted"));
        browser.screenshot("site-checkout-sepa");
        browser.click(By.cssSelector("#checkout-form button[type=submit]"));
        browser.waitForText(By.tagName("h1"), "all set");
        browser.shows(By.cssSelector(".due-today"), "€47.00 (SEPA Direct Debit, settles within a few business days)");
        browser.shows(By.id("order-status"), "Debited from your bank account", "Load balancers: 5");
        browser.screenshot("site-order-sepa");
        browser.go("/account");
        browser.shows(By.cssSelector(".saved-cards"), "SEPA Direct Debit DE •••• 3000 (mandate ABACUS-");
        browser.click(By.linkText("Mandate"));
        browser.shows(By.tagName("main"), "Abacus Billing Ltd", "DE •••• 3000", "2 Dec 2026, 16:00 CET");
        browser.screenshot("site-sepa-mandate");
    }

    @Test
    void aPayPalCheckoutGoesToPayPalsPageAndComesBackToTheOrder() {
        Customer customer = customers.create("GBP", "Europe/London", "Harriet Hale");
        signIn(customer);
        browser.go("/checkout?plan=edge-pro-monthly&currency=GBP");
        browser.click(By.cssSelector("input[name=paymentMethod][value=paypal]"));
        browser.click(By.cssSelector("#checkout-form button[type=submit]"));
        browser.waitForText(By.tagName("h1"), "Approve the payment with PayPal");
        browser.shows(By.cssSelector(".bank-challenge"), "£", "Subscription to Edge Network Pro");
        browser.screenshot("site-paypal-approval");
        browser.click(By.xpath("//button[normalize-space()='Approve and pay']"));
        browser.waitForText(By.tagName("h1"), "all set");
        browser.shows(By.cssSelector(".due-today"), "£");
        browser.go("/account");
        browser.shows(By.cssSelector(".saved-cards"), "PayPal");
        browser.showsNone(By.cssSelector(".saved-cards"), "null", "waiting for approval");
    }

    @Test
    void cardsAndApiKeysAreManagedOnTheAccountPage() {
        Customer customer = customers.create();
        buy(customer, "edge-pro-monthly", "USD");
        signIn(customer);
        browser.click(By.xpath("//summary[normalize-space()='Add a card']"));
        browser.waitFor(By.id("new-cardNumber")).sendKeys("5555555555554444");
        browser.driver().findElement(By.id("new-expMonth")).sendKeys("11");
        browser.driver().findElement(By.id("new-expYear")).sendKeys("2031");
        browser.click(By.xpath("//button[normalize-space()='Save card']"));
        browser.shows(By.cssSelector(".saved-cards"), "Mastercard •••• 4444", "Visa •••• 4242");
        browser.shows(By.xpath("//ul[@class='saved-cards']/li[contains(., '4444')]"), "default");

        browser.click(By.xpath(
                "//ul[@class='saved-cards']/li[contains(., '4242')]//button[normalize-space()='Make default']"));
        browser.shows(By.xpath("//ul[@class='saved-cards']/li[contains(., '4242')]"), "default");
        browser.click(
                By.xpath("//ul[@class='saved-cards']/li[contains(., '4444')]//button[normalize-space()='Remove']"));
        browser.confirm(true);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> cards.paymentMethods(customer.account().id()).size() == 1);
        browser.showsNone(By.cssSelector(".saved-cards"), "4444");

        browser.waitFor(By.id("key-name")).sendKeys("deploy script");
        browser.click(By.xpath("//button[normalize-space()='Create an API key']"));
        String key = browser.waitFor(By.cssSelector(".new-api-key")).getText();
        assertThat(new ApiClient(port).get("/api/v1/subscriptions", key).status())
                .isEqualTo(200);
        browser.shows(By.id("api-key-list"), "deploy script", "active");
        browser.screenshot("site-account-cards-keys");
        browser.click(By.xpath("//tr[contains(., 'deploy script')]//button[normalize-space()='Revoke']"));
        browser.confirm(true);
        browser.shows(By.xpath("//table[@id='api-key-list']//tr[contains(., 'deploy script')]"), "revoked on");
    }

    @Test
    void anUpgradeShowsItsInvoiceWithoutAReload() {
        Customer customer = customers.create();
        buy(customer, "edge-pro-monthly", "USD");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> invoicing.invoices(customer.account().id()).size() == 1);
        signIn(customer);
        new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.cssSelector(".subscription select")))
                .selectByVisibleText("Business ($200.00)");
        browser.click(By.xpath("//button[normalize-space()='See what it costs']"));
        browser.waitFor(By.cssSelector(".change-preview"));
        browser.shows(By.cssSelector(".change-preview"), "Edge Network Business", "Unused time on Edge Network Pro");
        browser.screenshot("site-change-preview");
        browser.click(By.xpath("//button[starts-with(normalize-space(), 'Confirm and pay')]"));
        browser.shows(By.cssSelector(".notice.ok"), "You are now on Edge Network Business");
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), Duration.ofSeconds(15))
                .until(d ->
                        d.findElements(By.cssSelector("#invoice-list tbody tr")).size() == 2);
        assertThat(invoicing.invoices(customer.account().id())).hasSize(2);
    }

    @Test
    void unknownAddressesAndRefusalsArePagesOfTheSite() {
        Customer customer = customers.create();
        signIn(customer);
        browser.go("/no-such-page");
        browser.shows(By.tagName("h1"), "Page not found");
        browser.shows(By.tagName("header"), "Your account");
        browser.showsNone(By.tagName("body"), "Whitelabel");
        browser.screenshot("site-not-found");
        browser.go("/checkout?plan=nope&currency=USD");
        browser.showsNone(By.tagName("body"), "Whitelabel", "unknown plan 'nope': unknown plan 'nope'");
        assertThat(browser.text()).containsOnlyOnce("nope");
    }

    /** The pages before signing in, checked for accessibility and kept as screenshots like every other page. */
    @Test
    void thePublicPagesAndSignInPages() {
        browser.go("/");
        browser.waitFor(By.tagName("h1"));
        browser.screenshot("site-home");
        browser.go("/signup");
        browser.waitFor(By.id("name")).sendKeys("Chloé Martin");
        browser.driver().findElement(By.id("email")).sendKeys("not-an-email-" + UUID.randomUUID() + "@example.com");
        browser.driver().findElement(By.id("password")).sendKeys("short");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("document.querySelector('form[action=\\'/signup\\']').noValidate = true");
        browser.click(By.cssSelector("form[action='/signup'] button[type=submit]"));
        browser.shows(By.tagName("main"), "must be 10 to 128 characters");
        assertThat(browser.driver().findElement(By.id("name")).getAttribute("value"))
                .isEqualTo("Chloé Martin");
        browser.screenshot("site-signup-refused");
        browser.go("/login");
        browser.waitFor(By.id("email"));
        browser.screenshot("site-login");
        browser.go("/admin/login");
        browser.waitFor(By.id("username"));
        browser.screenshot("console-login");
    }
}
