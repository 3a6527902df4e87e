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
 * with the few steps the console tests repeat. The app's end-to-end tests use it too (admin's test-jar).
 */
public final class Browser implements AutoCloseable {

    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String CHROMIUM = "/usr/bin/chromium";

    /** Long enough for a page on a busy two-core build machine, short enough to fail a hung test. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final String base;

    private Browser(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /** Skips the calling test when the Debian packages chromium and chromium-driver are not installed. */
    public static Browser start(int port) {
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

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(base + path);
    }

    public void logIn(String username, String password, String code) {
        driver.manage().deleteAllCookies();
        open("/login");
        type("username", username);
        type("password", password);
        type("code", code);
        submit("/login");
    }

    public void logOut() {
        submit("/logout");
    }

    /** Creates a tenant with the operator's form and returns the path of the tenant's page. */
    public String createTenant(String name, String contactName, String contactEmail) {
        open("/tenants");
        type("name", name);
        type("contactName", contactName);
        type("contactEmail", contactEmail);
        submit("/tenants");
        return driver.getCurrentUrl().substring(base.length());
    }

    /** Adds a mapping on the tenant's mapping page, which htmx updates in place, and waits for the notice. */
    public void addMapping(String tenantPath, String email, String demail) {
        open(tenantPath + "/mappings");
        type("email", email);
        type("demail", demail);
        submitInPlace("/mappings");
        waitForText(By.id("mappings"), "Die Zuordnung wurde hinzugefügt.");
    }

    /** Follows a link and waits for the next page. */
    public void follow(String linkText) {
        WebElement page = driver.findElement(By.tagName("html"));
        driver.findElement(By.linkText(linkText)).click();
        waitForNewPage(page);
    }

    /**
     * Waits until the given page's root is gone. Chromium sometimes answers a query on a node of
     * the unloading page with an inspector error instead of "stale element"; that means gone too.
     */
    private void waitForNewPage(WebElement page) {
        new WebDriverWait(driver, WAIT).until(d -> {
            try {
                page.isEnabled();
                return false;
            } catch (WebDriverException gone) {
                return true;
            }
        });
    }

    public void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** For date and time inputs, whose typing rules depend on the browser's locale. */
    public void setValue(String id, String value) {
        ((JavascriptExecutor) driver).executeScript("document.getElementById(arguments[0]).value = arguments[1]",
                id, value);
    }

    public void choose(String id, String visibleText) {
        new Select(driver.findElement(By.id(id))).selectByVisibleText(visibleText);
    }

    /** Submits the form whose action ends so, and waits for the next page. */
    public void submit(String formAction) {
        press(By.cssSelector("form[action$='" + formAction + "'] button[type=submit]"));
    }

    /** Clicks a button (or link) and waits for the next page. */
    public void press(By button) {
        WebElement page = driver.findElement(By.tagName("html"));
        driver.findElement(button).click();
        waitForNewPage(page);
    }

    /** Chooses a file in a file input, as the file dialog would. */
    void attach(String id, Path file) {
        driver.findElement(By.id(id)).sendKeys(file.toAbsolutePath().toString());
    }

    /** Submits a form that htmx sends, which replaces only part of the page. */
    public void submitInPlace(String formAction) {
        driver.findElement(By.cssSelector("form[action$='" + formAction + "'] button[type=submit]")).click();
    }

    public WebElement waitFor(By locator) {
        return new WebDriverWait(driver, WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    public void waitForText(By locator, String text) {
        new WebDriverWait(driver, WAIT)
                .until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    public void waitForTextGone(By locator, String text) {
        new WebDriverWait(driver, WAIT)
                .until(ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(locator, text)));
    }

    public String text(By locator) {
        return driver.findElement(locator).getText();
    }

    public String mainText() {
        return text(By.tagName("main"));
    }

    public String heading() {
        return text(By.tagName("h1"));
    }

    /**
     * Keeps a screenshot of the page in target/screenshots and, with -Dscreenshots.update=true,
     * also in docs/screenshots for the README.
     */
    public void screenshot(String name) {
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
