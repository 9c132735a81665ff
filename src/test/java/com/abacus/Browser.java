package com.abacus;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
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
                "--window-size=1280,1100",
                "--user-data-dir=" + tempDir());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(0));
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

    /** Keeps a screenshot of the current page under ui/screenshots, refreshed on every run. */
    public void screenshot(String name) {
        try {
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path target = Path.of("ui/screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
