package fr.relais.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code bench live --browser}: Debian's headless Chromium, logged in as {@code admin}, on the
 * dashboard's Équipement screen of the bench's printer. That screen is the one that draws a row per
 * agent event: on each {@code event} of its own EventSource it reads {@code /api/events} again and
 * adds the new rows, keyed by event id (Alertes keeps one row per alert, however many paper jams
 * come; Lieu shows the devices' readings, not events). The bench injects a MutationObserver with
 * executeScript (the page's code is not touched) that notes {@code Date.now()} when each row is
 * inserted; the rows' ids are matched afterwards to the agent's timestamps through {@code /api/events}.
 */
final class LiveBrowser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final List<Path> PROGRAMS = List.of(CHROMIUM, CHROMEDRIVER);
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Runs in the page: every event row inserted, the first time its key is seen, with the browser's clock. */
    private static final String RECORDER = """
            const drawn = {};
            window.relaisBenchDrawn = drawn;
            new MutationObserver((changes) => {
              const now = Date.now();
              for (const change of changes) {
                for (const added of change.addedNodes) {
                  if (added.nodeType === 1 && added.matches("li.event") && added.dataset.key
                      && !(added.dataset.key in drawn)) drawn[added.dataset.key] = now;
                }
              }
            }).observe(document.body, { childList: true, subtree: true });
            """;

    /**
     * Selenium warns that it has no DevTools module for this Chromium's version: the bench only sends
     * one raw command (Network.setCookie), which needs none. Held here: the logging keeps weak references.
     */
    private static final java.util.logging.Logger CDP_VERSION_WARNING =
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");
    private final ChromeDriver driver;
    private final Path profile;

    private LiveBrowser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** What is missing of the programs (Chromium and its driver), said as the fix; empty when all are there. */
    static Optional<String> missing(List<Path> programs) {
        for (Path needed : programs) {
            if (!Files.isExecutable(needed)) {
                return Optional.of(needed + " is missing: apt-get install chromium chromium-driver");
            }
        }
        return Optional.empty();
    }

    static LiveBrowser start(Path profile) {
        CDP_VERSION_WARNING.setLevel(java.util.logging.Level.SEVERE);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The options of the hub's browser tests: root in a container, no GPU, a small /dev/shm, no phoning home.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1200,900", "--lang=fr-FR", "--user-data-dir=" + profile.toAbsolutePath());
        // Never Selenium Manager, which would try to download a browser.
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new LiveBrowser(new ChromeDriver(service, options), profile);
    }

    /**
     * Logs in through {@code POST /api/login} (as the form does), hands the session cookie to Chromium,
     * opens the device's Équipement screen, waits for its live channel to be connected, and starts recording.
     */
    void watch(int port, String password, String node, String device) throws IOException, InterruptedException {
        String base = "http://127.0.0.1:" + port;
        String body = JSON.createObjectNode().put("username", "admin").put("password", password).toString();
        HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                        + "/api/login")).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        String cookie = login.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("relais_session="))
                .findFirst().orElseThrow(() -> new IllegalStateException("POST /api/login answered "
                        + login.statusCode() + " without a session: " + login.body()));
        String[] pair = cookie.substring(0, cookie.indexOf(';') < 0 ? cookie.length() : cookie.indexOf(';'))
                .split("=", 2);
        driver.executeCdpCommand("Network.setCookie", Map.of("name", pair[0], "value", pair[1], "url", base + "/",
                "path", "/", "httpOnly", true, "sameSite", "Strict"));
        driver.get(base + "/#/equipement/" + node + "/" + device);
        new WebDriverWait(driver, PATIENCE).until(d -> Boolean.TRUE.equals(driver.executeScript(
                "const s = document.getElementById('live-status');"
                        + " return !!document.querySelector('ol.event-list') && !!s"
                        + " && s.textContent === 'Temps réel : connecté';")));
        driver.executeScript(RECORDER);
    }

    /** What the page shows, in words: to say why no row came. */
    String pageText() {
        return driver.getCurrentUrl() + " " + driver.executeScript("return document.body.innerText;");
    }

    /** Event id → the browser's clock when its row was inserted, for the rows drawn so far. */
    Map<String, Long> drawn() {
        Object found = driver.executeScript("return window.relaisBenchDrawn || {};");
        Map<String, Long> drawn = new HashMap<>();
        if (found instanceof Map<?, ?> map) {
            map.forEach((key, at) -> drawn.put(String.valueOf(key), ((Number) at).longValue()));
        }
        return drawn;
    }

    /**
     * Event id → the agent's timestamp ({@code deviceTs}) of the device's events, read through
     * {@code /api/events} with the bench's token, page by page.
     */
    static Map<String, Long> agentTimes(int port, String token, String node, String device)
            throws IOException, InterruptedException {
        Map<String, Long> times = new HashMap<>();
        HttpClient http = HttpClient.newHttpClient();
        String next = "http://127.0.0.1:" + port + "/api/events?node=" + node + "&device=" + device + "&limit=1000";
        while (next != null) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(next))
                    .header("authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 200) {
                throw new IllegalStateException("/api/events answered " + page.statusCode() + ": " + page.body());
            }
            JsonNode answer = JSON.readTree(page.body());
            // The lists answer a plain array (the paging is in the Link header); an {items: […]} is read too.
            for (JsonNode event : answer.isArray() ? answer : answer.path("items")) {
                times.put(event.path("id").asText(), java.time.Instant.parse(event.path("deviceTs").asText())
                        .toEpochMilli());
            }
            next = nextLink(URI.create(next), page.headers().firstValue("link").orElse(null));
        }
        return times;
    }

    /** The {@code rel="next"} address of a {@code Link} header, resolved against the page's; null on the last page. */
    static String nextLink(URI page, String link) {
        if (link == null) {
            return null;
        }
        for (String part : link.split(",")) {
            if (part.contains("rel=\"next\"")) {
                String target = part.substring(part.indexOf('<') + 1, part.indexOf('>'));
                return page.resolve(target).toString();
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try {
                WorkFolder.delete(profile);
            } catch (IOException stillWriting) {
                // Chromium may still write in its profile as it quits: what cannot go now stays in /tmp.
            }
        }
    }
}
