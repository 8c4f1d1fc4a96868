package fr.relais.hub.dashboard;

import static fr.relais.hub.dashboard.DashboardFixture.device;
import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Health;
import fr.relais.protocol.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The Équipement screen of a printer against a real hub: its charts drawn from minute and hour rollups written
 * into the hub's tables, each chart's table holding exactly those points; the day, week and month buttons;
 * the simulated history said in words; its events and alerts; a hostile device name shown as text.
 */
@Tag("browser") // headless Chromium: skip locally with -DexcludedGroups=browser; CI runs it
class EquipmentBrowserTest {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final String SITE = "equip-lieu";
    private static final String NODE = "equip-pi";
    private static final String HOSTILE = "<img src=x onerror=alert(1)>";
    private static final Instant NOW = Instant.now();
    /** Toner per minute over the last day, per hour over the week, and per hour earlier in the month. */
    private static final Map<Long, Double> DAY = new LinkedHashMap<>();
    private static final Map<Long, Double> WEEK = new LinkedHashMap<>();
    private static final Map<Long, Double> EARLIER_IN_MONTH = new LinkedHashMap<>();

    @RegisterExtension
    static final DashboardFixture hub = new DashboardFixture(DashboardFixture.Option.ALERTS_EVERY_SECOND);
    @RegisterExtension
    static final ChromiumPerClass chromium = new ChromiumPerClass();

    @BeforeAll
    static void start() throws Exception {
        hub.online(SITE, NODE, List.of(device("printer-1", DeviceKind.PRINTER, "Imprimante de l'accueil"),
                device("printer-2", DeviceKind.PRINTER, "Imprimante du bureau"),
                device("kiosk-1", DeviceKind.KIOSK, HOSTILE)));
        // The live reading carries no charted figure: the hub's own rollups add no point to the seeded ones.
        hub.reading(SITE, NODE, "printer-1", Health.OK, Map.of("paperOut", false, "jobsActive", 1));
        hub.reading(SITE, NODE, "kiosk-1", Health.OK, Map.of("screen", "on"));
        Instant minute = NOW.truncatedTo(ChronoUnit.MINUTES);
        for (int i = 0; i < 6; i++) {
            DAY.put(minute.minus(Duration.ofMinutes(30 + 45L * i)).toEpochMilli(), 80.5 - i);
        }
        Instant hour = NOW.truncatedTo(ChronoUnit.HOURS);
        for (long hoursAgo : new long[] {2, 24, 48, 96, 150}) {
            WEEK.put(hour.minus(Duration.ofHours(hoursAgo)).toEpochMilli(), 90.0 - hoursAgo / 10.0);
        }
        for (long daysAgo : new long[] {10, 20, 25}) {
            EARLIER_IN_MONTH.put(hour.minus(Duration.ofDays(daysAgo)).toEpochMilli(), 99.0 - daysAgo);
        }
        hub.rollups("telemetry_minute", NODE, "printer-1", "tonerPercent", DAY, false);
        hub.rollups("telemetry_hour", NODE, "printer-1", "tonerPercent", WEEK, false);
        // The oldest, the demo's simulated history: only the month's chart reaches it, and says so.
        hub.rollups("telemetry_hour", NODE, "printer-1", "tonerPercent", EARLIER_IN_MONTH, true);
        hub.rollups("telemetry_minute", NODE, "printer-1", "pagesPrinted", Map.of(
                minute.minus(Duration.ofMinutes(10)).toEpochMilli(), 1200.0), false);
        hub.event(SITE, NODE, "printer-1", "paper-out", Severity.WARNING, "Plus de papier dans le bac 2");
    }

    private static List<WebElement> tableRows(Browser browser, String metric) {
        return browser.all(".chart-holder[data-metric='" + metric + "'] .chart-table tbody tr");
    }

    private static void waitForRows(Browser browser, String metric, int count) {
        browser.until(d -> tableRows(browser, metric).size() == count);
    }

    @Test
    void theChartsTablesHoldTheRollupsOfTheDayTheWeekAndTheMonth() throws Exception {
        Browser browser = chromium.browser();
        browser.windowSize(1280, 800);
        browser.actAs(hub.admin(), hub.dashboard() + "#/equipement/" + NODE + "/printer-1");
        browser.untilText(".equipement h2", "Imprimante de l'accueil");
        assertThat(browser.find(".equipment-kind").getText()).contains("Imprimante", NODE, SITE);
        assertThat(browser.find(".equipment-health").getText()).contains("Fonctionne");
        assertThat(browser.find(".equipment-reading").getText()).contains("Papier : OK", "Impressions en cours : 1")
                .doesNotContain("paperOut");

        // The day: the minute rollups, one table row per point, each its average in French.
        waitForRows(browser, "tonerPercent", DAY.size());
        List<String> day = tableRows(browser, "tonerPercent").stream()
                .map(row -> row.findElement(By.cssSelector("td")).getAttribute("textContent")).toList();
        assertThat(day).containsExactly("75,5", "76,5", "77,5", "78,5", "79,5", "80,5");
        assertThat(tableRows(browser, "pagesPrinted")).hasSize(1);
        assertThat(browser.find(".chart-holder[data-metric='pagesPrinted'] figcaption").getText())
                .startsWith("Pages imprimées");
        assertThat(browser.find(".simulated").isDisplayed()).as("nothing simulated in the last day").isFalse();

        browser.find("button.period[data-period='semaine']").click();
        waitForRows(browser, "tonerPercent", WEEK.size());
        assertThat(browser.find("button.period[data-period='semaine']").getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(browser.all(".chart-holder[data-metric='pagesPrinted']")).as("no hour rollup of pages").isEmpty();
        assertThat(browser.find(".simulated").isDisplayed()).isFalse();
        // The period is in the address: a reload shows the week again.
        assertThat(browser.script("return location.hash;"))
                .isEqualTo("#/equipement/" + NODE + "/printer-1?periode=semaine");
        browser.reload();
        browser.until(d -> "true".equals(browser.find("button.period[data-period='semaine']")
                .getAttribute("aria-pressed")));
        waitForRows(browser, "tonerPercent", WEEK.size());

        browser.find("button.period[data-period='mois']").click();
        waitForRows(browser, "tonerPercent", WEEK.size() + EARLIER_IN_MONTH.size());
        browser.untilText(".simulated", "Historique simulé pour la démonstration");
        assertThat(tableRows(browser, "tonerPercent").get(0).findElement(By.cssSelector("td"))
                .getAttribute("textContent")).isEqualTo("74");

        browser.find("button.period[data-period='jour']").click();
        waitForRows(browser, "tonerPercent", DAY.size());

        // The events of the printer, newest first, in words.
        WebElement event = browser.untilText(".event-list li", "Plus de papier dans le bac 2");
        assertThat(event.getText()).as("the type in words").startsWith(
                event.findElement(By.cssSelector(".event-time")).getText() + " Plus de papier (À surveiller)");
        assertThat(browser.find(".open-alerts").getText()).contains("Aucune alerte en cours");
        browser.screenshot(SHOTS.resolve("equipement-1280x800.png"));
        browser.fullScreenshot(SHOTS.resolve("equipement-1280-full.png"));

        browser.windowSize(360, 740);
        browser.until(d -> ((Number) browser.script("return window.innerWidth;")).intValue() <= 360);
        waitForRows(browser, "tonerPercent", DAY.size());
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth;")).intValue())
                .as("nothing wider than the phone's screen").isLessThanOrEqualTo(360);
        browser.screenshot(SHOTS.resolve("equipement-360x740.png"));
        browser.fullScreenshot(SHOTS.resolve("equipement-360-full.png"));
    }

    @Test
    void theDevicesOpenAlertIsListedAndThePeriodButtonsAreReachedByTheKeyboard() throws Exception {
        hub.reading(SITE, NODE, "printer-2", Health.OK, Map.of("paperOut", true));
        String alert = hub.openAlerts(NODE, "printer-2", 1).get(0);
        Browser browser = chromium.browser();
        browser.actAs(hub.admin(), hub.dashboard() + "#/equipement/" + NODE + "/printer-2");
        browser.untilText(".open-alerts li", "Imprimante sans papier");
        assertThat(browser.find(".open-alerts li").getAttribute("data-key")).isEqualTo(alert);
        assertThat(browser.find(".past-alerts").getText()).contains("Aucune alerte passée");
        assertThat(browser.find(".chart-list").getText()).contains("Aucune mesure sur cette période");

        browser.script("document.activeElement.blur(); window.scrollTo(0, 0);");
        WebElement previous = browser.find("body");
        WebElement week = browser.find("button.period[data-period='semaine']");
        for (int i = 0; i < 30 && !browser.focused().equals(week); i++) {
            previous.sendKeys(Keys.TAB);
            previous = browser.focused();
        }
        assertThat(browser.focused()).isEqualTo(week);
        assertThat(week.getCssValue("outline-style")).as("a visible focus").isEqualTo("solid");
        week.sendKeys(Keys.ENTER);
        browser.until(d -> "true".equals(week.getAttribute("aria-pressed")));
    }

    @Test
    void aLiveReadingChangesTheLastReadingInPlace() throws Exception {
        Browser browser = chromium.browser();
        browser.actAs(hub.admin(), hub.dashboard() + "#/equipement/" + NODE + "/printer-1");
        WebElement reading = browser.untilText(".equipment-reading", "Impressions en cours");
        browser.untilText("#live-status", "Temps réel : connecté");
        // No alert condition and the health unchanged: the other tests' view of this printer stays as it was.
        hub.reading(SITE, NODE, "printer-1", Health.OK, Map.of("paperOut", false, "jobsActive", 3));
        // The same element (a stale one would throw) shows the new reading, without a reload.
        browser.until(d -> reading.getText().contains("Impressions en cours : 3"));
        assertThat(reading.getText()).contains("Papier : OK");
        hub.reading(SITE, NODE, "printer-1", Health.OK, Map.of("paperOut", false, "jobsActive", 1));
    }

    @Test
    void theBoxItselfHasItsTemperatureAndBacklogCharts() throws Exception {
        hub.nodeReading(SITE, NODE, Map.of("cpuTemperatureC", 51, "outboxDepth", 4));
        long minute = NOW.truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
        // The node's own rollups have no device: an empty device id, as the rollup writes them.
        hub.rollups("telemetry_minute", NODE, "", "cpuTemperatureC", Map.of(minute - 120_000, 48.5,
                minute - 60_000, 49.5), false);
        Browser browser = chromium.browser();
        browser.actAs(hub.admin(), hub.dashboard() + "#/equipement/" + NODE + "/_boitier");
        browser.untilText(".equipement h2", "Boîtier " + NODE);
        browser.untilText(".equipment-reading", "Température : 51 °C");
        assertThat(browser.find(".equipment-reading").getText()).contains("Messages en attente : 4");
        waitForRows(browser, "cpuTemperatureC", 2);
        assertThat(tableRows(browser, "cpuTemperatureC")).extracting(row -> row.findElement(By.cssSelector("td"))
                .getAttribute("textContent")).containsExactly("48,5", "49,5");
        assertThat(browser.all(".chart-holder[data-metric='tonerPercent']")).as("the printer's are its own").isEmpty();
    }

    @Test
    void aHostileDeviceNameIsShownAsText() throws Exception {
        Browser browser = chromium.browser();
        browser.actAs(hub.admin(), hub.dashboard() + "#/equipement/" + NODE + "/kiosk-1");
        browser.untilText(".equipment-reading", "Écran : on");
        assertThat(browser.find(".equipement h2").getText()).isEqualTo(HOSTILE);
        assertThat(browser.all("#screen img")).isEmpty();
        // An alert() would have opened a dialog, and WebDriver refuses to run a script while one is open.
        assertThat(browser.script("return document.title;")).isEqualTo(HOSTILE + " — Relais");
    }

    @Test
    void aViewerReadsTheirPlacesPrinterWithItsChartsAndNoOtherPlacesDevice() throws Exception {
        hub.online("ailleurs", "ailleurs-pi", List.of(device("printer-1", DeviceKind.PRINTER,
                "Imprimante d'ailleurs")));
        Browser browser = chromium.browser();
        browser.actAs(hub.account("mairie-equip", "viewer", SITE), hub.dashboard() + "#/equipement/" + NODE
                + "/printer-1");
        browser.untilText(".equipement h2", "Imprimante de l'accueil");
        // A site-scoped account reads its own nodes' telemetry (issue 13): the same day's chart as a technician's.
        waitForRows(browser, "tonerPercent", DAY.size());
        browser.untilText(".event-list li", "Plus de papier dans le bac 2");

        browser.open(hub.dashboard() + "#/equipement/ailleurs-pi/printer-1");
        browser.untilText(".equipement .notice", "Cet équipement n'existe pas ou ne vous est pas ouvert.");
        assertThat(browser.find("#screen").getText()).doesNotContain("Imprimante d'ailleurs");
    }

    @Test
    void anUnknownDeviceIsSaidInWords() throws Exception {
        Browser browser = chromium.browser();
        browser.actAs(hub.admin(), hub.dashboard() + "#/equipement/" + NODE + "/nope-9");
        browser.untilText(".equipement .notice", "Cet équipement n'existe pas ou ne vous est pas ouvert.");
    }
}
