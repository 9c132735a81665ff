package com.abacus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven through chromedriver, headless. In CI ({@code CI=true}) a missing browser fails the test;
 * on a developer machine without it the browser tests are skipped.
 */
public final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** axe-core, installed by {@code npm ci --prefix ui} (.ci/run does it). */
    static final Path AXE = Path.of("ui/node_modules/axe-core/axe.min.js");

    static final int DESKTOP_WIDTH = 1400;
    static final int PHONE_WIDTH = 390;

    private final WebDriver driver;
    private final String baseUrl;

    private Browser(WebDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    public static Browser open(int port) {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && System.getenv("CI") != null) {
            throw new IllegalStateException(
                    "Chromium and chromedriver are required in CI (apt-get install -y chromium chromium-driver)");
        }
        assumeTrue(installed, "Chromium is not installed; browser tests skipped outside CI");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=" + DESKTOP_WIDTH + ",1100",
                "--user-data-dir=" + tempDir());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(0));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new Browser(driver, "http://localhost:" + port);
    }

    public WebDriver driver() {
        return driver;
    }

    public void go(String path) {
        driver.get(baseUrl + path);
    }

    public WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public void waitForText(By by, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    /** Clicks once the element is there and stable (htmx may swap it out right after it appears). */
    public void click(By by) {
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    d.findElement(by).click();
                    return true;
                });
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public void signInToConsole(String username, String password) {
        go("/admin/login");
        waitFor(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(By.tagName("h1"));
    }

    public void signOutOfConsole() {
        driver.findElement(By.cssSelector("form[action='/admin/logout'] button"))
                .click();
        waitFor(By.id("username"));
    }

    /**
     * Checks the page for accessibility and keeps screenshots of it under ui/screenshots, refreshed on every run: the
     * whole page at 1400 px ({@code name.png}) and at a phone's width ({@code name-phone.png}).
     */
    public void screenshot(String name) {
        assertAccessible(name);
        capture(name, DESKTOP_WIDTH);
        capture(name + "-phone", PHONE_WIDTH);
        resize(DESKTOP_WIDTH, 1100);
    }

    private void capture(String name, int width) {
        // The full page: the window grows to the document's height at this width.
        resize(width, 800);
        Object height = ((JavascriptExecutor) driver)
                .executeScript("return Math.min(document.documentElement.scrollHeight, 6000)");
        resize(width, ((Number) height).intValue() + 140);
        try {
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path target = Path.of("ui/screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /**
     * Runs axe-core on the current page (WCAG 2.1 A and AA rules) and fails on any serious or critical violation,
     * naming the rule and the elements. In CI axe-core must be installed; elsewhere the check is skipped without it.
     */
    public void assertAccessible(String page) {
        if (!Files.isReadable(AXE)) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException("axe-core is required in CI (npm ci --prefix ui)");
            }
            return;
        }
        JavascriptExecutor js = (JavascriptExecutor) driver;
        try {
            js.executeScript(Files.readString(AXE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                  .then(r => done(r.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' — '
                      + v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(', '))))
                  .catch(e => done(['axe failed: ' + e]));
                """);
        assertThat((java.util.List<?>) result)
                .as("serious or critical accessibility violations on %s", page)
                .isEmpty();
    }

    /**
     * What a person reads in the element: each expected text must appear in it as shown (prices in major units, names,
     * dates), one line per assertion in a test: {@code browser.shows(By.id("invoices"), "¥3,750", "1 Dec 2026")}.
     */
    public void shows(By where, String... texts) {
        waitFor(where);
        for (String text : texts) {
            new WebDriverWait(driver, Duration.ofSeconds(10))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .withMessage(() -> "expected \"" + text + "\" in " + where + ", which shows:\n" + shown(where))
                    .until(d -> d.findElement(where).getText().contains(text));
        }
    }

    private String shown(By where) {
        try {
            return driver.findElement(where).getText();
        } catch (org.openqa.selenium.WebDriverException e) {
            return "(gone: " + e.getClass().getSimpleName() + ")";
        }
    }

    /** The element shows none of these texts (codes a person should not see, minor units, raw timestamps). */
    public void showsNone(By where, String... texts) {
        String shown = waitFor(where).getText();
        for (String text : texts) {
            assertThat(shown).as("%s must not show \"%s\"", where, text).doesNotContain(text);
        }
    }

    /** Answers the page's confirmation dialog: yes or no. */
    public void confirm(boolean yes) {
        var alert = new WebDriverWait(driver, Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent());
        if (yes) {
            alert.accept();
        } else {
            alert.dismiss();
        }
    }

    public String cookie(String name) {
        var cookie = driver.manage().getCookieNamed(name);
        return cookie == null ? null : cookie.getValue();
    }

    private static String tempDir() {
        try {
            return Files.createTempDirectory("abacus-chromium").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
