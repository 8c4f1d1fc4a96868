package fr.relais.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver: the dashboard as a technician's
 * browser runs it. Never Selenium Manager, which would try to download a browser.
 */
final class Browser implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Chromium's console line for a refused request the page handles (logged out, not allowed, too late). */
    private static final java.util.regex.Pattern EXPECTED_REFUSAL =
            java.util.regex.Pattern.compile("Failed to load resource: the server responded with a status of 40[139]");
    private final ChromeDriver driver;

    Browser(Path profile) {
        for (Path needed : List.of(CHROMIUM, CHROMEDRIVER)) {
            assertThat(Files.isExecutable(needed))
                    .as(needed + " is missing: apt-get install chromium chromium-driver"
                            + " (./relais test as root installs what the tests need)")
                    .isTrue();
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // As root, in a container without a GPU or a large /dev/shm, and without phoning home.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1200,900", "--lang=fr-FR", "--user-data-dir=" + profile.toAbsolutePath());
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    void open(String url) {
        driver.get(url);
    }

    /** Loads the page again, as F5 does: opening the same address with its #fragment would not. */
    void reload() {
        driver.navigate().refresh();
    }

    /**
     * Opens {@code url} already logged in with the session {@code client} got from {@code POST /api/login}:
     * the page's own {@code GET /api/me} finds the session, as after a login through the form. BCrypt ran
     * once for that client, not again at each test; the form itself is the subject of the tests that type into it.
     */
    void actAs(fr.relais.hub.ApiClient client, String url) {
        String[] cookie = client.cookie().orElseThrow(() -> new IllegalArgumentException(
                "this client has no session cookie: log it in with ApiClient.login")).split("=", 2);
        java.net.URI page = java.net.URI.create(url);
        // Set through the DevTools protocol for the hub's address, before any page of it is open: opening one
        // first to set it from there would make Chromium ask for a /favicon.ico the hub does not have.
        driver.executeCdpCommand("Network.setCookie", java.util.Map.of("name", cookie[0], "value", cookie[1],
                "url", page.getScheme() + "://" + page.getAuthority() + "/", "path", "/", "httpOnly", true,
                "sameSite", "Strict"));
        driver.get(url);
    }

    /**
     * Makes the browser as a new one for the next test without starting Chromium again: no cookie (they
     * are per host, not per port, so one hub's session would reach the next), no storage, a blank page,
     * the desk window size, and the console read out so that its errors are the next test's own.
     */
    void reset() {
        String url = driver.getCurrentUrl();
        if (url != null && url.startsWith("http")) {
            java.net.URI page = java.net.URI.create(url);
            driver.executeCdpCommand("Storage.clearDataForOrigin", java.util.Map.of(
                    "origin", page.getScheme() + "://" + page.getAuthority(), "storageTypes", "all"));
        }
        driver.executeCdpCommand("Network.clearBrowserCookies", java.util.Map.of());
        driver.get("about:blank");
        windowSize(1200, 900);
        driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits until the condition holds, retrying past elements a refresh replaced meanwhile. */
    <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }

    /** Waits for a visible element whose text contains {@code text}. */
    WebElement untilText(String css, String text) {
        return until(d -> d.findElements(By.cssSelector(css)).stream()
                .filter(e -> e.isDisplayed() && e.getText().contains(text)).findFirst().orElse(null));
    }

    /** The element that has the keyboard focus. */
    WebElement focused() {
        return driver.switchTo().activeElement();
    }

    void logIn(String username, String password) {
        WebElement user = until(d -> {
            WebElement field = d.findElement(By.id("username"));
            return field.isDisplayed() ? field : null;
        });
        user.clear();
        user.sendKeys(username);
        find("#password").clear();
        find("#password").sendKeys(password);
        find("#login button[type=submit]").click();
    }

    /**
     * What the page's scripts threw or logged as errors; a dashboard bug shows up here first. The
     * console lines Chromium adds for 401, 403 and 409 answers are expected; a 404 or 500 is not.
     */
    List<String> scriptErrors() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(Object::toString).filter(line -> !EXPECTED_REFUSAL.matcher(line).find()).toList();
    }

    /** Runs a script in the page, as an attacker's injected code would try to. */
    Object script(String javaScript, Object... arguments) {
        return driver.executeScript(javaScript, arguments);
    }

    /** Resizes the window, to see the page as a phone (360 px wide) shows it. */
    void windowSize(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
    }

    /** A PNG of what the window shows, for a person to look at. */
    void screenshot(Path file) throws java.io.IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }

    /** A PNG of the whole page, below the fold included, for a person to look at. */
    void fullScreenshot(Path file) throws java.io.IOException {
        // The window's width, scroll bar included: captured beyond the viewport, the page is laid out without it.
        Number width = (Number) driver.executeScript(
                "return Math.max(window.innerWidth, document.documentElement.scrollWidth);");
        Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight;");
        java.util.Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", java.util.Map.of(
                "captureBeyondViewport", true,
                "clip", java.util.Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, java.util.Base64.getDecoder().decode((String) shot.get("data")));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
