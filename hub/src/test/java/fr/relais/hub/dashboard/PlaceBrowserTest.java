package fr.relais.hub.dashboard;

import static fr.relais.hub.dashboard.DashboardFixture.device;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Health;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The Lieu screen of Rozoy-sur-Serre against a real hub: readings in French with their units, a hostile
 * device name shown as text, a new reading changing its own row under a keyboard user's focus, and every
 * link and button reached by Tab with a visible focus.
 */
@Tag("browser") // headless Chromium: skip locally with -DexcludedGroups=browser; CI runs it
class PlaceBrowserTest {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final String SITE = "rozoy";
    private static final String NODE = "rozoy-pi";
    private static final String HOSTILE = "<img src=x onerror=alert(1)>";
    /**
     * A reading reaches the screen by the live channel within a second; the bound is the screen's own
     * 30-second refresh (its fallback when the channel is down) with room for a loaded machine.
     */
    private static final Duration NEXT_REFRESH = Duration.ofSeconds(75);

    @RegisterExtension
    static final DashboardFixture hub = new DashboardFixture(DashboardFixture.Option.EXAMPLE_TERRITORY);
    @RegisterExtension
    static final ChromiumPerClass chromium = new ChromiumPerClass();
    private static String page;

    @BeforeAll
    static void start() throws Exception {
        hub.online(SITE, NODE, List.of(device("printer-1", DeviceKind.PRINTER, "Imprimante de l'accueil"),
                device("probe-1", DeviceKind.PROBE, "Sonde de la box"),
                device("kiosk-1", DeviceKind.KIOSK, HOSTILE),
                device("counter-1", DeviceKind.PRESENCE_SENSOR, "Compteur de l'entrée"),
                device("room-1", DeviceKind.PRESENCE_SENSOR, "Salle d'atelier")));
        Map<String, Object> printer = new HashMap<>(Map.of("tonerPercent", 73, "paperOut", false));
        hub.reading(SITE, NODE, "printer-1", Health.OK, printer);
        hub.reading(SITE, NODE, "probe-1", Health.OK, Map.of("latencyMedianMs", 34, "throughputMbps", 12.5,
                "lossPercent", 0, "link", "fibre"));
        hub.reading(SITE, NODE, "kiosk-1", Health.WARNING, Map.of("screen", "on", "fooBarCount", 7));
        hub.reading(SITE, NODE, null, Health.OK, Map.of("cpuTemperatureC", 52, "outboxDepth", 3));
        // The entrance counter says who is in, the room sensor whether its room is taken (GET /api/occupancy/now).
        hub.reading(SITE, NODE, "counter-1", Health.OK, Map.of("present", 4, "entries", 11, "exits", 7));
        hub.reading(SITE, NODE, "room-1", Health.OK, Map.of("occupied", true));
        page = hub.dashboard() + "#/lieu/" + SITE;
    }

    private static WebElement row(Browser browser, String device) {
        return row(browser, NODE, device);
    }

    private static WebElement row(Browser browser, String node, String device) {
        return browser.find(".node-card[data-key='" + node + "'] li.device[data-key='" + device + "']");
    }

    @Test
    void readingsAreInFrenchWithTheirUnitsAndAHostileNameIsJustText() throws Exception {
        Browser browser = chromium.browser();
        browser.windowSize(1280, 800);
        browser.actAs(hub.admin(), page);
        browser.untilText("li.device", "Toner : 73 %");
        String printer = row(browser, "printer-1").getText();
        assertThat(printer).contains("Imprimante de l'accueil", "Fonctionne", "Toner : 73 %", "Papier : OK")
                .doesNotContain("tonerPercent", "paperOut");
        assertThat(row(browser, "probe-1").getText()).contains("Latence : 34 ms", "Débit : 12,5 Mbit/s",
                "Pertes : 0 %", "Connexion : Fibre").doesNotContain("latencyMedianMs");
        assertThat(browser.find(".node-card").getText()).contains("Température : 52 °C", "Messages en attente : 3",
                "en ligne");
        assertThat(row(browser, "printer-1").getAttribute("class")).contains("health-ok");
        assertThat(row(browser, "counter-1").getText()).contains("Personnes présentes : 4", "Entrées : 11",
                "Sorties : 7");
        assertThat(row(browser, "room-1").getText()).contains("Salle : Occupée");
        assertThat(browser.untilText(".occupancy-now", "personnes").getText())
                .isEqualTo("4 personnes présentes · 1 salle occupée sur 1.");
        assertThat(row(browser, "kiosk-1").getAttribute("class")).contains("health-warning");
        assertThat(row(browser, "kiosk-1").findElement(By.cssSelector(".health-badge")).getText())
                .isEqualTo("À surveiller");

        // The kiosk's name came from its agent: shown as those characters, no element made of it, nothing run.
        WebElement kiosk = row(browser, "kiosk-1");
        assertThat(kiosk.findElement(By.cssSelector(".device-name")).getText()).isEqualTo(HOSTILE);
        assertThat(browser.all("#screen img")).isEmpty();
        // An alert() would have opened a dialog, and WebDriver refuses to run a script while one is open.
        assertThat(browser.script("return typeof document.title;")).isEqualTo("string");

        // A metric this page has no words for is still shown, raw, under "Autres mesures".
        // By the keyboard: a click by coordinates could land beside it while the legacy nav appears above.
        kiosk.findElement(By.cssSelector("button.toggle")).sendKeys(Keys.ENTER);
        browser.untilText("li.device[data-key='kiosk-1'] .device-details", "fooBarCount : 7");
        assertThat(kiosk.getText()).contains("Autres mesures", "Écran : on");
        browser.untilText(".agenda-part", "Horaires");
        browser.script("document.activeElement.blur(); window.scrollTo(0, 0);"); // the screen as it opens
        browser.screenshot(SHOTS.resolve("lieu-1280x800.png"));
        browser.fullScreenshot(SHOTS.resolve("lieu-1280-full.png"));
        browser.windowSize(360, 740);
        browser.until(d -> ((Number) browser.script("return window.innerWidth;")).intValue() <= 360);
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth;")).intValue())
                .as("nothing wider than the phone's screen").isLessThanOrEqualTo(360);
        browser.script("window.scrollTo(0, 0);");
        browser.screenshot(SHOTS.resolve("lieu-360x740.png"));
    }

    @Test
    void aNewReadingChangesItsRowWhileTheFocusStaysOnAnotherRowsButton() throws Exception {
        // A box of its own, so that the other tests' readings stay as they set them.
        String node = "rozoy-pi-2";
        hub.online(SITE, node, List.of(device("printer-2", DeviceKind.PRINTER, "Imprimante du bureau"),
                device("probe-2", DeviceKind.PROBE, "Sonde du bureau")));
        hub.reading(SITE, node, "printer-2", Health.OK, Map.of("tonerPercent", 55, "paperOut", false));
        hub.reading(SITE, node, "probe-2", Health.OK, Map.of("latencyMedianMs", 20));
        Browser browser = chromium.browser();
        browser.actAs(hub.admin(), page);
        browser.untilText("li.device", "Toner : 55 %");
        WebElement printerRow = row(browser, node, "printer-2");
        WebElement probeButton = row(browser, node, "probe-2").findElement(By.cssSelector("button.toggle"));
        browser.script("arguments[0].focus();", probeButton);
        assertThat(browser.focused()).isEqualTo(probeButton);

        hub.reading(SITE, node, "printer-2", Health.WARNING, Map.of("tonerPercent", 9, "paperOut", true));
        // The same element (a stale one would throw) shows the new reading.
        await().atMost(NEXT_REFRESH).until(() -> printerRow.getText().contains("Toner : 9 %"));
        assertThat(printerRow.getText()).contains("Papier : Vide", "À surveiller");
        assertThat(printerRow.getAttribute("class")).contains("health-warning");
        assertThat(browser.focused()).as("the keyboard user's place is kept").isEqualTo(probeButton);
    }

    @Test
    void tabReachesEveryLinkAndButtonWithAVisibleFocus() throws Exception {
        Browser browser = chromium.browser();
        browser.actAs(hub.admin(), page);
        browser.untilText("li.device", "Toner");
        browser.untilText(".agenda-part", "Horaires");
        List<WebElement> wanted = new ArrayList<>();
        for (WebElement element : browser.all("#nav a, #screen a, #screen button")) {
            if (element.isDisplayed()) {
                wanted.add(element);
            }
        }
        assertThat(wanted).hasSizeGreaterThanOrEqualTo(5);
        browser.script("document.activeElement.blur(); window.scrollTo(0, 0);");
        Set<WebElement> reached = new LinkedHashSet<>();
        WebElement previous = null;
        for (int i = 0; i < 80 && !reached.containsAll(wanted); i++) {
            WebElement body = browser.find("body");
            (previous == null ? body : previous).sendKeys(Keys.TAB);
            WebElement focused = browser.focused();
            if (wanted.contains(focused)) {
                reached.add(focused);
                assertThat(focused.getCssValue("outline-style")).as("visible focus on " + focused.getText())
                        .isEqualTo("solid");
                assertThat(browser.script("return arguments[0].matches(':focus-visible');", focused)).isEqualTo(true);
            }
            previous = focused;
        }
        assertThat(reached).containsAll(wanted);
    }
}
