package de.poststelle.admin.console;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (no Selenium Manager download),
 * with the few steps the console tests repeat.
 */
final class Browser implements AutoCloseable {

    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String CHROMIUM = "/usr/bin/chromium";

    private final ChromeDriver driver;
    private final String base;

    private Browser(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /** Skips the calling test when the Debian packages chromium and chromium-driver are not installed. */
    static Browser start(int port) {
        assumeTrue(new File(CHROMEDRIVER).canExecute() && new File(CHROMIUM).canExecute(),
                "browser tests skipped: install the Debian packages chromium and chromium-driver ("
                        + CHROMEDRIVER + ")");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--disable-gpu", "--lang=de-DE");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // the window size includes the browser's frame; screenshots should show a 1280x900 page
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", 900, "deviceScaleFactor", 1, "mobile", false));
        return new Browser(driver, "http://localhost:" + port);
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(String path) {
        driver.get(base + path);
    }

    void logIn(String username, String password, String code) {
        driver.manage().deleteAllCookies();
        open("/login");
        type("username", username);
        type("password", password);
        type("code", code);
        submit("/login");
    }

    void logOut() {
        submit("/logout");
    }

    /** Follows a link and waits for the next page. */
    void follow(String linkText) {
        WebElement page = driver.findElement(By.tagName("html"));
        driver.findElement(By.linkText(linkText)).click();
        waitForNewPage(page);
    }

    /**
     * Waits until the given page's root is gone. Chromium sometimes answers a query on a node of
     * the unloading page with an inspector error instead of "stale element"; that means gone too.
     */
    private void waitForNewPage(WebElement page) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> {
            try {
                page.isEnabled();
                return false;
            } catch (WebDriverException gone) {
                return true;
            }
        });
    }

    void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** For date and time inputs, whose typing rules depend on the browser's locale. */
    void setValue(String id, String value) {
        ((JavascriptExecutor) driver).executeScript("document.getElementById(arguments[0]).value = arguments[1]",
                id, value);
    }

    void choose(String id, String visibleText) {
        new Select(driver.findElement(By.id(id))).selectByVisibleText(visibleText);
    }

    /** Submits the form whose action ends so, and waits for the next page. */
    void submit(String formAction) {
        press(By.cssSelector("form[action$='" + formAction + "'] button[type=submit]"));
    }

    /** Clicks a button (or link) and waits for the next page. */
    void press(By button) {
        WebElement page = driver.findElement(By.tagName("html"));
        driver.findElement(button).click();
        waitForNewPage(page);
    }

    /** Chooses a file in a file input, as the file dialog would. */
    void attach(String id, Path file) {
        driver.findElement(By.id(id)).sendKeys(file.toAbsolutePath().toString());
    }

    /** Submits a form that htmx sends, which replaces only part of the page. */
    void submitInPlace(String formAction) {
        driver.findElement(By.cssSelector("form[action$='" + formAction + "'] button[type=submit]")).click();
    }

    WebElement waitFor(By locator) {
        return new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    void waitForText(By locator, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    void waitForTextGone(By locator, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(locator, text)));
    }

    String text(By locator) {
        return driver.findElement(locator).getText();
    }

    String mainText() {
        return text(By.tagName("main"));
    }

    String heading() {
        return text(By.tagName("h1"));
    }

    /**
     * Keeps a screenshot of the page in target/screenshots and, with -Dscreenshots.update=true,
     * also in docs/screenshots for the README.
     */
    void screenshot(String name) {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        Path module = Path.of(System.getProperty("user.dir"));
        write(module.resolve("target/screenshots/" + name + ".png"), png);
        if (Boolean.getBoolean("screenshots.update")) {
            write(module.resolveSibling("docs/screenshots/" + name + ".png"), png);
        }
    }

    private static void write(Path file, byte[] png) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
