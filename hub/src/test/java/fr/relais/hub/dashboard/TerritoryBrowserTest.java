package fr.relais.hub.dashboard;

import static fr.relais.hub.dashboard.DashboardFixture.device;
import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Health;
import fr.relais.protocol.SiteKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;

/**
 * The Territoire screen against a real hub holding the example territory: the places worst first, their
 * health in words, the map's places as links; the list alone on a phone; a viewer's single place.
 */
@Tag("browser") // headless Chromium: skip locally with -DexcludedGroups=browser; CI runs it
class TerritoryBrowserTest {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final String PLACES = "#places > li";

    @RegisterExtension
    static final DashboardFixture hub = new DashboardFixture(DashboardFixture.Option.EXAMPLE_TERRITORY);
    @RegisterExtension
    static final ChromiumPerClass chromium = new ChromiumPerClass();

    /*
     * One hub for the class, its places' health set once: Dizy's printer critical, Montcornet's and the van's
     * boxes fine, the three other places without a node yet (their health unknown). No test changes it.
     */
    @BeforeAll
    static void start() throws Exception {
        hub.online("dizy-le-gros", "dizy-pi", List.of(device("printer-1", DeviceKind.PRINTER, "Imprimante")));
        hub.online("montcornet", "montcornet-pi", List.of(device("printer-1", DeviceKind.PRINTER, "Imprimante")));
        hub.online("spi", "Service public itinérant (SPI)", SiteKind.VAN, "spi-pi",
                List.of(device("probe-4g", DeviceKind.PROBE, "Sonde 4G")));
        hub.reading("spi", "spi-pi", "probe-4g", Health.OK, Map.of("latencyMedianMs", 60));
        hub.reading("montcornet", "montcornet-pi", "printer-1", Health.OK, Map.of("tonerPercent", 80));
        hub.reading("dizy-le-gros", "dizy-pi", "printer-1", Health.OK, Map.of("tonerPercent", 70));
        // The printer jams: the agent says it is critical.
        hub.reading("dizy-le-gros", "dizy-pi", "printer-1", Health.CRITICAL, Map.of("tonerPercent", 70,
                "paperJam", true));
    }

    private static List<String> placeNames(Browser browser) {
        return browser.all(PLACES + " .place-link").stream().map(WebElement::getText).toList();
    }

    @Test
    void aTechnicianLandsOnTheTerritoryWithThePlacesWorstFirstOnAMapAndInAList() throws Exception {
        Browser browser = chromium.browser();
        browser.windowSize(1280, 800);
        browser.actAs(hub.admin(), hub.dashboard());
        browser.until(d -> d.getCurrentUrl().endsWith("#/territoire"));
        browser.until(d -> browser.all(PLACES).size() == 5);
        WebElement first = browser.all(PLACES).get(0);
        assertThat(first.getText()).contains("Dizy-le-Gros").contains("En panne ou injoignable")
                .contains("1 équipement en panne");
        assertThat(first.getAttribute("class")).contains("health-critical");
        WebElement last = browser.all(PLACES).get(4);
        assertThat(last.getText()).contains("Montcornet").contains("Tout fonctionne");
        assertThat(browser.all(PLACES).subList(1, 4)).allSatisfy(place ->
                assertThat(place.getText()).contains("Aucun nœud n'a encore parlé"));
        // The van apart, with its health and where it stops.
        assertThat(browser.find(".van-panel").getText()).contains("Service public itinérant (SPI)", "Tout fonctionne",
                "Dernier signe de vie");
        // The map: every place but the van (drawn where it stops today, if it does) is a link named with its health.
        List<WebElement> marks = browser.all("#screen svg.map a.mark:not(.van)");
        assertThat(marks).hasSize(5);
        assertThat(marks).extracting(mark -> mark.getAttribute("aria-label"))
                .anySatisfy(label -> assertThat(label).contains("Dizy-le-Gros").endsWith(": En panne ou injoignable"));
        assertThat(marks).extracting(mark -> mark.getDomAttribute("href")).allSatisfy(href ->
                assertThat(href).contains("#/lieu/"));
        assertThat(browser.find("#nav a[aria-current=page]").getText()).isEqualTo("Territoire");
        // The hub's live channel: the status says so once the stream is open.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> browser.find("#live-status").getText().equals("Temps réel : connecté"));
        browser.screenshot(SHOTS.resolve("territoire-1280x800.png"));

        // A place's link opens its screen.
        browser.find(PLACES + ":first-child .place-link").click();
        browser.until(d -> d.getCurrentUrl().endsWith("#/lieu/dizy-le-gros"));
        browser.untilText("#screen h2", "Dizy-le-Gros");
    }

    @Test
    void onAPhoneOnlyTheSortedListShows() throws Exception {
        Browser browser = chromium.browser();
        browser.windowSize(360, 740);
        browser.actAs(hub.admin(), hub.dashboard() + "#/territoire");
        browser.until(d -> browser.all(PLACES).size() == 5);
        browser.until(d -> ((Number) browser.script("return window.innerWidth;")).intValue() <= 360);
        assertThat(placeNames(browser).get(0)).contains("Dizy-le-Gros");
        assertThat(browser.find("#screen .map-panel").isDisplayed()).as("no map below 600 px").isFalse();
        assertThat(browser.find("#places").isDisplayed()).isTrue();
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth;")).intValue())
                .as("nothing wider than the phone's screen").isLessThanOrEqualTo(360);
        browser.screenshot(SHOTS.resolve("territoire-360x740.png"));
        browser.fullScreenshot(SHOTS.resolve("territoire-360-full.png"));
    }

    @Test
    void aViewerLandsOnTheirPlaceAndTheTerritorySeenByThemHoldsItAlone() throws Exception {
        Browser browser = chromium.browser();
        browser.actAs(hub.account("mairie-montcornet", "viewer", "montcornet"), hub.dashboard());
        browser.until(d -> d.getCurrentUrl().endsWith("#/lieu/montcornet"));
        browser.untilText("#screen h2", "Montcornet");
        assertThat(browser.all("#nav a")).extracting(WebElement::getText).doesNotContain("Territoire")
                .contains("Mon lieu");

        browser.open(hub.dashboard() + "#/territoire");
        browser.until(d -> browser.all(PLACES).size() == 1);
        assertThat(placeNames(browser)).singleElement().asString().contains("Montcornet");
        assertThat(browser.all("#screen svg.map a.mark")).singleElement()
                .satisfies(mark -> assertThat(mark.getAttribute("aria-label")).contains("Montcornet"));
        assertThat(browser.find("#places").getText()).doesNotContain("Dizy").doesNotContain("Brunehamel");
        assertThat(browser.find(".van-panel").isDisplayed()).as("the van is not their place").isFalse();
    }

    /**
     * The chart library the next screens use: uPlot imported from the hub's /webjars, drawn under the
     * Content-Security-Policy (its styles go through the CSSOM), with its figures as a table too.
     */
    @Test
    void aChartDrawsFromTheHubsOwnUPlotWithTheSameFiguresInATable() throws Exception {
        Browser browser = chromium.browser();
        browser.actAs(hub.admin(), hub.dashboard() + "#/territoire");
        browser.until(d -> browser.all(PLACES).size() == 5);
        browser.script("window.chartDone = null;"
                + " import('/app/lib/chart.js').then((chart) => {"
                + "   const el = document.createElement('div'); el.id = 'chart-test';"
                + "   document.getElementById('screen').append(el);"
                + "   chart.lineChart(el, { times: [1765000000, 1765000600, 1765001200],"
                + "     series: [{ label: 'Latence', unit: 'ms', values: [34, 41.5, null] }] }, { title: 'Latence du jour' });"
                + "   window.chartDone = 'drawn';"
                + " }).catch((error) => { window.chartDone = String(error); });");
        browser.until(d -> browser.script("return window.chartDone;") != null);
        assertThat(browser.script("return window.chartDone;")).isEqualTo("drawn");
        assertThat(browser.all("#chart-test canvas")).hasSize(1);
        assertThat(browser.all("#chart-test .uplot")).as("uPlot's own element, styled by uPlot.min.css").hasSize(1);
        assertThat(browser.all("#chart-test details table tbody tr")).hasSize(3);
        assertThat(browser.find("#chart-test details table").getAttribute("textContent")).contains("41,5")
                .contains("Latence (ms)");
    }
}
