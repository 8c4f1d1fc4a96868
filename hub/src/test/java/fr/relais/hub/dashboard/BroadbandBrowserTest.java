package fr.relais.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.hub.ApiClient;
import fr.relais.hub.connectivity.LinkHistogram;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The Débit screen against a real hub holding the example territory, its broadband rows written straight into
 * connectivity_month for two months: Parfondeval (on the roadmap) measured by the van on its town hall's ADSL, then
 * fibre; the van on 4G at Archon; Dizy-le-Gros's and Montcornet's own boxes; a commune whose name is hostile.
 */
@Tag("browser") // headless Chromium: skip locally with -DexcludedGroups=browser; CI runs it
class BroadbandBrowserTest {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final String ROWS = "#debit-rows > tr";
    private static final String HOSTILE = "<img src=x onerror=alert(1)>";
    /** The two months measured: the two before this one (Paris), so that the picker lists both. */
    private static final YearMonth LAST = YearMonth.now(ZoneId.of("Europe/Paris")).minusMonths(1);
    private static final YearMonth BEFORE = LAST.minusMonths(1);
    /** A month of the demo's simulated history, whose rows keep no histograms ("{}"), and an empty one. */
    private static final YearMonth SIMULATED = BEFORE.minusMonths(1);
    private static final YearMonth EMPTY = SIMULATED.minusMonths(1);

    @RegisterExtension
    static final DashboardFixture hub = new DashboardFixture(DashboardFixture.Option.EXAMPLE_TERRITORY);
    @RegisterExtension
    static final ChromiumPerClass chromium = new ChromiumPerClass();

    @BeforeAll
    static void start() throws Exception {
        try (Connection sql = DriverManager.getConnection(hub.databaseUrl())) {
            try (PreparedStatement hostile = sql.prepareStatement("UPDATE communes SET name = ? WHERE id = 'soize'")) {
                hostile.setString(1, HOSTILE);
                hostile.executeUpdate();
            }
            // commune, month, node, link, site, samples, latency ms, loss %, throughput Mbit/s
            row(sql, "parfondeval", BEFORE, "spi-pi", "adsl", "spi", 36, 48.5, 1.25, 6.5);
            row(sql, "parfondeval", LAST, "spi-pi", "fibre", "spi", 40, 9.5, 0, 250);
            row(sql, "archon", LAST, "spi-pi", "4g", "spi", 30, 62, 0.5, 12.3);
            row(sql, "dizy-le-gros", BEFORE, "dizy-pi", "adsl", "dizy-le-gros", 8640, 41.5, 0.25, 9.8);
            row(sql, "dizy-le-gros", LAST, "dizy-pi", "adsl", "dizy-le-gros", 8352, 40, 0.25, 9.1);
            row(sql, "montcornet", LAST, "montcornet-pi", "fibre", "montcornet", 8640, 12, 0, 95.4);
            row(sql, "soize", LAST, "soize-pi", "4g", "soize", 100, 80, 2.5, 35);
            row(sql, "dizy-le-gros", SIMULATED, "dizy-pi", "adsl", "dizy-le-gros", 8928, 45, 0.5, 5.2);
            try (PreparedStatement demo = sql.prepareStatement("UPDATE connectivity_month SET simulated = TRUE,"
                    + " histograms = '{}' WHERE month = ?")) {
                demo.setString(1, SIMULATED.toString());
                demo.executeUpdate();
            }
        }
    }

    /** A stored row whose histograms hold its medians' readings, as the rollup writes them. */
    private static void row(Connection sql, String commune, YearMonth month, String node, String link, String site,
                            long samples, double latency, double loss, double throughput) throws Exception {
        LinkHistogram histogram = new LinkHistogram();
        for (int i = 0; i < 3; i++) {
            histogram.add(LinkHistogram.Measure.LATENCY_MS, latency);
            histogram.add(LinkHistogram.Measure.LOSS_PERCENT, loss);
            histogram.add(LinkHistogram.Measure.THROUGHPUT_MBPS, throughput);
        }
        try (PreparedStatement insert = sql.prepareStatement("INSERT INTO connectivity_month (commune_id, month,"
                + " node_id, link, site_id, samples, throughput_samples, latency_median_ms, loss_median_percent,"
                + " throughput_median_mbps, histograms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, commune);
            insert.setString(2, month.toString());
            insert.setString(3, node);
            insert.setString(4, link);
            insert.setString(5, site);
            insert.setLong(6, samples);
            insert.setLong(7, Math.max(1, samples / 48));
            insert.setDouble(8, latency);
            insert.setDouble(9, loss);
            insert.setDouble(10, throughput);
            insert.setString(11, histogram.toJson());
            insert.executeUpdate();
        }
    }

    private static String page() {
        return "http://127.0.0.1:" + hub.port() + "/#/debit";
    }

    private static WebElement row(Browser browser, String commune, String node) {
        return browser.all(ROWS).stream().filter(r -> (commune + "|" + node).equals(r.getDomAttribute("data-key")
                .replaceFirst("\\|[^|]*$", ""))).findFirst().orElseThrow();
    }

    private static String cell(WebElement row, String column) {
        return row.findElement(org.openqa.selenium.By.cssSelector("td.col-" + column)).getText();
    }

    private static String communeClass(Browser browser, String commune) {
        return browser.find("#screen svg.map g.commune[data-commune='" + commune + "']").getDomAttribute("class");
    }

    private static List<String> column(Browser browser, String column) {
        return browser.all(ROWS + " td.col-" + column).stream().map(WebElement::getText).toList();
    }

    @Test
    void theLastMonthMeasuredShowsOnTheMapAndInTheTableInFrenchAndAnotherMonthChangesTheColours()
            throws Exception {
        Browser browser = chromium.browser();
        browser.windowSize(1280, 900);
        browser.actAs(hub.admin(), page());
        browser.until(d -> browser.all(ROWS).size() == 5);
        assertThat(new Select(browser.find("#debit-month")).getOptions()).hasSize(13);
        assertThat(browser.find("#debit-month").getDomProperty("value")).isEqualTo(LAST.toString());
        assertThat(browser.find("#nav a[aria-current=page]").getText()).isEqualTo("Débit");

        // The API's figures in French: decimal commas, units, the link in words, the van as the bus.
        WebElement dizy = row(browser, "dizy-le-gros", "dizy-pi");
        assertThat(dizy.findElement(org.openqa.selenium.By.cssSelector("th")).getText()).isEqualTo("Dizy-le-Gros");
        assertThat(cell(dizy, "link")).isEqualTo("ADSL");
        assertThat(cell(dizy, "node")).isEqualTo("dizy-pi");
        assertThat(cell(dizy, "latency")).isEqualTo("40 ms");
        assertThat(cell(dizy, "loss")).isEqualTo("0,25 %");
        assertThat(dizy.findElement(org.openqa.selenium.By.cssSelector("td.col-throughput .value")).getText())
                .isEqualTo("9,1 Mbit/s");
        assertThat(cell(dizy, "samples")).matches("8[\\s\u202f\u00a0]352");
        WebElement parfondeval = row(browser, "parfondeval", "spi-pi");
        assertThat(parfondeval.getText()).contains("Parfondeval", "feuille de route", "Fibre", "Bus France Services",
                "9,5 ms", "0 %", "250 Mbit/s");
        assertThat(row(browser, "archon", "spi-pi").getText()).contains("4G", "Bus France Services", "12,3 Mbit/s");
        assertThat(row(browser, "montcornet", "montcornet-pi").getText()).doesNotContain("feuille de route");
        // A hostile commune name is shown as its characters, on the map and in the table.
        assertThat(row(browser, "soize", "soize-pi").findElement(org.openqa.selenium.By.cssSelector("th")).getText())
                .startsWith(HOSTILE);
        assertThat(browser.all("#screen img")).isEmpty();
        assertThat(browser.find(".precision").getText()).contains("médiane", "à 5 % près");
        assertThat(browser.find(".simulated").isDisplayed()).as("nothing here is simulated").isFalse();

        // The map: each commune's class from its median, the roadmap's communes ringed, the legend in words.
        assertThat(communeClass(browser, "parfondeval")).contains("class-ge100", "roadmap");
        assertThat(communeClass(browser, "dizy-le-gros")).contains("class-8to30").doesNotContain("roadmap");
        assertThat(communeClass(browser, "montcornet")).contains("class-30to100");
        assertThat(communeClass(browser, "brunehamel")).contains("class-none");
        assertThat(browser.all("#screen svg.map g.commune.roadmap circle.ring")).hasSize(8);
        assertThat(browser.find(".debit-legend").getText()).contains("< 8 Mbit/s", "8–30 Mbit/s", "30–100 Mbit/s",
                "≥ 100 Mbit/s", "pas de mesure", "feuille de route");
        // Beside each measured commune's name, its median (of every reading merged, so to 5 %): not colour alone.
        assertThat(browser.find("#screen svg.map g.commune[data-commune='parfondeval'] text").getText())
                .matches("Parfondeval · 2\\d\\d(,\\d)?");
        browser.screenshot(SHOTS.resolve("debit-1280x900.png"));
        browser.fullScreenshot(SHOTS.resolve("debit-1280-full.png"));

        // The month before: Parfondeval's town hall was still on ADSL, below 8 Mbit/s.
        new Select(browser.find("#debit-month")).selectByValue(BEFORE.toString());
        browser.until(d -> browser.all(ROWS).size() == 2);
        assertThat(communeClass(browser, "parfondeval")).contains("class-lt8", "roadmap");
        assertThat(communeClass(browser, "montcornet")).contains("class-none");
        assertThat(row(browser, "parfondeval", "spi-pi").getText()).contains("ADSL", "6,5 Mbit/s", "1,25 %");
        assertThat(browser.find(".csv-link").getDomAttribute("href"))
                .isEqualTo("/api/connectivity.csv?from=" + BEFORE + "&to=" + BEFORE);
        assertThat(browser.find(".simulated").isDisplayed()).isFalse();

        // A month of the demo's simulated history: said so; its summary has no median (no histograms kept), so
        // the commune's class comes from its row's own.
        new Select(browser.find("#debit-month")).selectByValue(SIMULATED.toString());
        browser.untilText(".simulated", "Historique simulé pour la démonstration");
        browser.until(d -> browser.all(ROWS).size() == 1);
        assertThat(browser.find(ROWS).getText()).contains("dizy-pi (simulé)", "5,2 Mbit/s");
        assertThat(communeClass(browser, "dizy-le-gros")).contains("class-lt8");

        // A month without a reading says so, every commune "pas de mesure".
        new Select(browser.find("#debit-month")).selectByValue(EMPTY.toString());
        browser.untilText(ROWS, "Aucune mesure pour ce mois.");
        assertThat(browser.script("return location.hash;")).isEqualTo("#/debit?mois=" + EMPTY);
        assertThat(browser.all("#screen svg.map g.commune")).allSatisfy(g -> assertThat(g.getDomAttribute("class"))
                .contains("class-none"));
        assertThat(browser.find(".simulated").isDisplayed()).isFalse();

        // The month is in the address: Back shows the one before, and a link names a month.
        browser.script("history.back();");
        browser.until(d -> browser.all(ROWS).size() == 1 && browser.find(ROWS).getText().contains("(simulé)"));
        assertThat(browser.find("#debit-month").getDomProperty("value")).isEqualTo(SIMULATED.toString());
        browser.open(page() + "?mois=" + BEFORE);
        browser.reload();
        browser.until(d -> browser.all(ROWS).size() == 2);
        assertThat(browser.find("#debit-month").getDomProperty("value")).isEqualTo(BEFORE.toString());
    }

    @Test
    void headersSortTheTableByMouseAndKeyboardAndTheCsvLinkAnswersTheSameRows() throws Exception {
        Browser browser = chromium.browser();
        browser.windowSize(1280, 900);
        browser.actAs(hub.admin(), page());
        browser.until(d -> browser.all(ROWS).size() == 5);
        // By commune first, A to Z (the hostile name's "<" sorts before letters).
        assertThat(browser.find("th[data-column=commune]").getDomAttribute("aria-sort")).isEqualTo("ascending");

        browser.find("th[data-column=throughput] button").click();
        browser.until(d -> "descending".equals(browser.find("th[data-column=throughput]").getDomAttribute("aria-sort")));
        assertThat(browser.all(ROWS + " td.col-throughput .value")).extracting(WebElement::getText)
                .containsExactly("250 Mbit/s", "95,4 Mbit/s", "35 Mbit/s", "12,3 Mbit/s", "9,1 Mbit/s");
        assertThat(browser.find("th[data-column=commune]").getDomAttribute("aria-sort")).isEqualTo("none");

        // The keyboard: Enter on the focused header turns the order round.
        WebElement button = browser.find("th[data-column=throughput] button");
        browser.script("arguments[0].focus();", button);
        browser.focused().sendKeys(Keys.ENTER);
        browser.until(d -> "ascending".equals(browser.find("th[data-column=throughput]").getDomAttribute("aria-sort")));
        assertThat(column(browser, "node")).first().isEqualTo("dizy-pi");
        assertThat(browser.focused().getText()).as("the focus stays on the header").startsWith("Débit médian");
        assertThat(browser.focused().getCssValue("outline-style")).isEqualTo("solid");

        // The CSV link, fetched as the browser would follow it: the same month's rows, in French.
        browser.script("window.csv = null; fetch(document.querySelector('.csv-link').href)"
                + ".then((r) => r.text()).then((t) => { window.csv = t; });");
        String csv = browser.until(d -> (String) browser.script("return window.csv;"));
        List<String> lines = csv.lines().skip(1).toList();
        assertThat(lines).hasSize(5).allSatisfy(line -> assertThat(line).contains(LAST.toString()));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("dizy-le-gros", "dizy-pi", "adsl", "9,1"))
                .anySatisfy(line -> assertThat(line).contains("parfondeval", "spi-pi", "fibre", "250"));
    }

    @Test
    void theMonthPickerEveryHeaderAndTheCsvLinkAreReachedByTabWithAVisibleFocus() throws Exception {
        Browser browser = chromium.browser();
        browser.windowSize(1280, 900);
        browser.actAs(hub.admin(), page());
        browser.until(d -> browser.all(ROWS).size() == 5);
        List<WebElement> wanted = new java.util.ArrayList<>(browser.all("#screen select, #screen button, #screen a"));
        assertThat(wanted).hasSize(9); // the month, 7 headers, the CSV link
        browser.script("document.activeElement.blur(); window.scrollTo(0, 0);");
        java.util.Set<WebElement> reached = new java.util.LinkedHashSet<>();
        WebElement previous = browser.find("body");
        for (int i = 0; i < 60 && !reached.containsAll(wanted); i++) {
            previous.sendKeys(Keys.TAB);
            WebElement focused = browser.focused();
            if (wanted.contains(focused)) {
                reached.add(focused);
                assertThat(focused.getCssValue("outline-style")).as("visible focus on " + focused.getText())
                        .isEqualTo("solid");
            }
            previous = focused;
        }
        assertThat(reached).containsAll(wanted);
    }

    @Test
    void onAPhoneTheTableAndTheLegendShowWithoutTheMap() throws Exception {
        Browser browser = chromium.browser();
        browser.windowSize(360, 740);
        browser.actAs(hub.admin(), page());
        browser.until(d -> browser.all(ROWS).size() == 5);
        browser.until(d -> ((Number) browser.script("return window.innerWidth;")).intValue() <= 360);
        assertThat(browser.find("#screen .debit-map").isDisplayed()).as("no map below 600 px").isFalse();
        assertThat(browser.find(".debit-legend").isDisplayed()).isTrue();
        assertThat(browser.find(".debit-table").isDisplayed()).isTrue();
        assertThat(browser.find("th[data-column=throughput] button").isDisplayed()).as("sorting stays").isTrue();
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth;")).intValue())
                .as("nothing wider than the phone's screen").isLessThanOrEqualTo(360);
        browser.screenshot(SHOTS.resolve("debit-360x740.png"));
        browser.fullScreenshot(SHOTS.resolve("debit-360-full.png"));
    }

    @Test
    void aViewerOfOneSiteSeesItsCommuneOnly() throws Exception {
        ApiClient viewer = hub.account("mairie-dizy", "viewer", "dizy-le-gros");
        Browser browser = chromium.browser();
        browser.windowSize(1280, 900);
        browser.actAs(viewer, page());
        browser.until(d -> browser.all(ROWS).size() == 1);
        assertThat(browser.find(ROWS).getText()).contains("Dizy-le-Gros", "9,1 Mbit/s");
        assertThat(browser.find("#debit-rows").getText()).doesNotContain("Parfondeval", "Montcornet");
        assertThat(browser.all("#screen svg.map g.commune")).extracting(g -> g.getDomAttribute("data-commune"))
                .containsExactly("dizy-le-gros");
    }
}
