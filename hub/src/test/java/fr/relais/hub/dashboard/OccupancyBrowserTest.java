package fr.relais.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.hub.ApiClient;
import fr.relais.hub.HubUnderTest;
import fr.relais.hub.Messages;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.db.Database;
import fr.relais.protocol.Birth;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Health;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Presence;
import fr.relais.protocol.SiteKind;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The Fréquentation screen against a real hub whose occupancy tables were filled by SQL as the rollup and
 * the demo's history fill them (real rows for the last 4 weeks, simulated ones before): the heat map's
 * cells are the API's figures, the CSV behind each "Exporter (CSV)" link has the screen's totals, the
 * period picker changes the address and shows the simulated banner when the period reaches the simulated
 * rows, a viewer of another place gets the refusal in French, a hostile place name is text, and on a
 * phone the tables scroll inside their own box while the page does not.
 */
@Tag("browser") // headless Chromium: skip locally with -DexcludedGroups=browser; CI runs it
class OccupancyBrowserTest {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String HOSTILE = "<img src=x onerror=alert(1)>";
    private static final String PASSWORD = "a-long-enough-password";

    @RegisterExtension
    static final MosquittoExtension mosquitto = new MosquittoExtension();
    @RegisterExtension
    static final ChromiumPerClass chromium = new ChromiumPerClass();
    @TempDir
    static Path dir;
    private static TestDatabase testDatabase;
    private static HubUnderTest hub;
    private static ApiClient viewer;
    private static final Map<String, long[]> DAYS = new TreeMap<>();

    @BeforeAll
    static void start(MosquittoProcess broker) throws Exception {
        testDatabase = TestDatabase.create(TestDatabase.Kind.SQLITE, dir);
        try (Database database = Database.open(testDatabase.url())) {
            seed(database.writer());
        }
        hub = HubUnderTest.start(broker.url(), testDatabase.url());
        assertThat(hub.api().send("POST", "/api/accounts", "{\"username\":\"lea\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"viewer\",\"site\":\"montcornet\"}").statusCode()).isEqualTo(201);
        viewer = ApiClient.login(hub.hub().httpPort(), "lea", PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (hub != null) {
                hub.close();
            }
        } finally {
            testDatabase.close();
        }
    }

    /** Rozoy: over the last 28 days (four of each weekday), real visitors on Tuesdays, Wednesdays and Saturdays; simulated weekday afternoons 6 to 10 weeks ago. */
    private static void seed(Connection sql) throws SQLException {
        write(sql, "INSERT INTO sites (id, name, kind, updated_at) VALUES ('rozoy', 'Tiers-lieu de Rozoy-sur-Serre',"
                + " 'mediation', 0)");
        write(sql, "INSERT INTO sites (id, name, kind, updated_at) VALUES ('montcornet', 'Coworking de Montcornet',"
                + " 'coworking', 0)");
        write(sql, "INSERT INTO sites (id, name, kind, updated_at) VALUES ('piege', ?, 'mediation', 0)", HOSTILE);
        write(sql, "INSERT INTO nodes (id, site_id, state) VALUES ('rozoy-pi', 'rozoy', 'online')");
        write(sql, "INSERT INTO devices (node_id, id, kind, name, simulated, health, metrics, last_seen) VALUES"
                + " ('rozoy-pi', 'compteur', 'presence-sensor', 'Compteur', FALSE, 'ok', '{\"present\":5}', 0)");
        LocalDate today = LocalDate.now(PARIS);
        for (int back = 0; back <= 27; back++) {
            LocalDate day = today.minusDays(back);
            DayOfWeek weekday = day.getDayOfWeek();
            if (weekday == DayOfWeek.TUESDAY) {
                hour(sql, "rozoy", day, 9, 3, 0, 0, false);
                hour(sql, "rozoy", day, 10, 2, 0, 0, false);
            } else if (weekday == DayOfWeek.WEDNESDAY) {
                hour(sql, "rozoy", day, 14, 1, 0, 0, false);
            } else if (weekday == DayOfWeek.SATURDAY) {
                hour(sql, "rozoy", day, 10, 5, 0, 0, false);
                hour(sql, "rozoy", day, 11, 4, 30, 0, false);
            }
            if (weekday.getValue() <= 5) {
                hour(sql, "montcornet", day, 8, 2, 0, 2, false);
            }
        }
        for (int back = 43; back <= 70; back++) {
            LocalDate day = today.minusDays(back);
            if (day.getDayOfWeek().getValue() <= 5) {
                hour(sql, "rozoy", day, 15, 6, 0, 0, true);
            }
        }
        hour(sql, "piege", today.minusDays(2), 10, 1, 0, 0, false);
        for (Map.Entry<String, long[]> day : DAYS.entrySet()) {
            String[] key = day.getKey().split("\\|");
            long[] sums = day.getValue();
            write(sql, "INSERT INTO occupancy_day (site_id, local_day, month, entries, exits, room_minutes,"
                    + " coworker_checkins, simulated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", key[0], key[1],
                    key[1].substring(0, 7), sums[0], sums[0], sums[1], sums[2], sums[3] == 1);
        }
    }

    private static void hour(Connection sql, String site, LocalDate day, int hour, long entries, long roomMinutes,
                             long checkins, boolean simulated) throws SQLException {
        long start = ZonedDateTime.of(day, LocalTime.of(hour, 0), PARIS).toInstant().toEpochMilli();
        write(sql, "INSERT INTO occupancy_hour (site_id, bucket_start, local_day, local_hour, weekday, entries, exits,"
                + " room_minutes, coworker_checkins, simulated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", site, start,
                day.toString(), hour, day.getDayOfWeek().getValue(), entries, entries, roomMinutes, checkins, simulated);
        long[] sums = DAYS.computeIfAbsent(site + "|" + day, k -> new long[4]);
        sums[0] += entries;
        sums[1] += roomMinutes;
        sums[2] += checkins;
        sums[3] = simulated ? 1 : sums[3];
    }

    private static void write(Connection sql, String statement, Object... parameters) throws SQLException {
        try (PreparedStatement prepared = sql.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                prepared.setObject(i + 1, parameters[i]);
            }
            prepared.executeUpdate();
        }
        sql.commit();
    }

    private static String page(String site) {
        return "http://127.0.0.1:" + hub.hub().httpPort() + "/#/frequentation/" + site;
    }

    /** "1,25" (a French number as the page writes it) as a double. */
    private static double french(String text) {
        return Double.parseDouble(text.replace('\u202f', ' ').replace('\u00a0', ' ').replace(" ", "")
                .replace(',', '.'));
    }

    /** The CSV behind a link of the page, fetched by the page itself with its session. */
    private static List<String[]> csv(Browser browser, String view) {
        String href = browser.find(".freq-" + view + " a.csv-export").getAttribute("href");
        // Decoded keeping its byte order mark, which a spreadsheet needs to read the accents.
        String body = (String) browser.script("return fetch(arguments[0], {credentials: 'same-origin'})"
                + ".then(r => r.ok ? r.arrayBuffer() : Promise.reject(new Error('HTTP ' + r.status)))"
                + ".then(b => new TextDecoder('utf-8', {ignoreBOM: true}).decode(b));", href);
        assertThat(body).startsWith("\uFEFF").isNotEqualTo("\uFEFF");
        List<String[]> rows = new ArrayList<>();
        // CRLF as sent; WebDriver may hand the text back with LF only.
        String[] lines = body.substring(1).split("\r?\n");
        for (int i = 1; i < lines.length; i++) {
            rows.add(lines[i].split(";", -1));
        }
        return rows;
    }

    private static long sum(List<String[]> rows, int column) {
        return rows.stream().mapToLong(row -> (long) french(row[column])).sum();
    }

    @Test
    void theHeatMapShowsTheApisFiguresAndEachCsvHasTheScreensTotals() throws Exception {
        Browser browser = chromium.browser();
        browser.windowSize(1280, 800);
        browser.actAs(hub.api(), page("rozoy"));
        browser.untilText("#screen h2", "Tiers-lieu de Rozoy-sur-Serre");
        browser.until(d -> browser.all("table.heatmap td.heat").size() > 0 ? true : null);

        // The period the page asked for is the one its CSV link names: the API's answer for it, cell by cell.
        assertThat(browser.find(".freq-heatmap a.csv-export").getAttribute("download")).as("a download link")
                .endsWith(".csv");
        URI link = URI.create(browser.find(".freq-heatmap a.csv-export").getAttribute("href"));
        Map<String, String> query = new HashMap<>();
        for (String pair : link.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], kv[1]);
        }
        assertThat(query).containsEntry("site", "rozoy").containsEntry("view", "heatmap")
                .containsEntry("to", LocalDate.now(PARIS).toString())
                .containsEntry("from", LocalDate.now(PARIS).minusDays(27).toString());
        JsonNode map = hub.api().json("/api/occupancy/heatmap?site=rozoy&from=" + query.get("from") + "&to="
                + query.get("to"));
        Set<Integer> busy = new TreeSet<>();
        for (JsonNode cell : map.path("cells")) {
            if (cell.path("entries").asLong() > 0) {
                busy.add(cell.path("hour").asInt());
            }
        }
        assertThat(busy).containsExactly(9, 10, 11, 14);
        List<String> headers = browser.all("table.heatmap thead th").stream().map(WebElement::getText).toList();
        assertThat(headers).containsExactly("Jour", "9 h", "10 h", "11 h", "14 h");
        assertThat(browser.all("table.heatmap tbody th").stream().map(WebElement::getText).toList())
                .containsExactly("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche");
        List<WebElement> cells = browser.all("table.heatmap td.heat");
        assertThat(cells).hasSize(7 * busy.size());
        for (JsonNode cell : map.path("cells")) {
            if (!busy.contains(cell.path("hour").asInt())) {
                continue;
            }
            WebElement shown = browser.find("table.heatmap td[data-weekday='" + cell.path("weekday").asInt()
                    + "'][data-hour='" + cell.path("hour").asInt() + "']");
            assertThat(french(shown.getText())).as("cell %s", cell).isEqualTo(cell.path("perWeek").asDouble());
            assertThat(shown.getAttribute("aria-label")).contains(shown.getText(), "par semaine en moyenne");
            assertThat(shown.getAttribute("class")).matches("heat heat-[0-4]");
        }
        // Four Saturdays of 5 visitors at 10: the busiest cell, the darkest step; an empty one the lightest.
        WebElement busiest = browser.find("table.heatmap td[data-weekday='6'][data-hour='10']");
        assertThat(busiest.getText()).isEqualTo("5");
        assertThat(busiest.getAttribute("class")).isEqualTo("heat heat-4");
        assertThat(busiest.getAttribute("aria-label")).isEqualTo(
                "5 visiteurs par semaine en moyenne, le samedi de 10 h à 11 h (20 sur la période)");
        assertThat(browser.find("table.heatmap td[data-weekday='1'][data-hour='10']").getAttribute("class"))
                .isEqualTo("heat heat-0");
        assertThat(browser.all(".heat-legend li")).hasSize(5);
        assertThat(browser.find(".simulated-banner").isDisplayed()).as("4 weeks of real rows only").isFalse();
        // The hub's own "now" (another test adds a counter of 3 live: whatever the order, the same figure).
        assertThat(browser.find(".occupancy-now").getText()).isEqualTo(hub.api().json("/api/occupancy/now?site=rozoy")
                .path("peopleIn").asLong() + " personnes présentes.");

        // The totals on screen: the period's line, the daily chart's table and the monthly table.
        long entries = map.path("totals").path("entries").asLong();
        assertThat(entries).isEqualTo(4 * (3 + 2 + 1 + 5 + 4));
        WebElement totals = browser.find(".period-totals");
        assertThat(totals.getText()).startsWith("Du ").contains(" : " + entries + " entrées",
                "120 min d'occupation des salles");
        assertThat(browser.find("table.months tfoot td[data-field='entries']").getText()).isEqualTo(
                String.valueOf(entries));
        long chartSum = 0;
        List<?> chartRows = (List<?>) browser.script("return [...document.querySelectorAll("
                + "'.freq-days .chart-table tbody tr')].map(r => r.cells[1].textContent);");
        assertThat(chartRows).as("every day of the 4 weeks, a day nobody came at 0").hasSize(28);
        for (Object value : chartRows) {
            chartSum += (long) french((String) value);
        }
        assertThat(chartSum).as("the daily chart's table").isEqualTo(entries);

        // Each CSV link, fetched as a click on it would: the same totals as the screen.
        assertThat(sum(csv(browser, "heatmap"), 2)).as("heat map CSV").isEqualTo(entries);
        List<String[]> days = csv(browser, "days");
        assertThat(days).hasSize(12);
        assertThat(sum(days, 1)).as("days CSV").isEqualTo(entries);
        assertThat(sum(days, 3)).as("days CSV, room minutes").isEqualTo(120);
        assertThat(sum(csv(browser, "months"), 1)).as("months CSV").isEqualTo(entries);
        browser.screenshot(SHOTS.resolve("frequentation-1280x800.png"));
        browser.fullScreenshot(SHOTS.resolve("frequentation-1280-full.png"));
    }

    @Test
    void thePeriodPickerKeepsItsChoiceInTheAddressAndShowsTheSimulatedHistory() throws Exception {
        Browser browser = chromium.browser();
        browser.windowSize(1280, 800);
        browser.actAs(hub.api(), page("rozoy"));
        browser.until(d -> browser.all("table.heatmap td.heat").size() > 0 ? true : null);
        WebElement threeMonths = browser.untilText(".period-picker a", "3 mois");
        assertThat(threeMonths.getAttribute("aria-current")).isEqualTo("false");
        threeMonths.sendKeys(Keys.ENTER);
        browser.until(d -> d.getCurrentUrl().endsWith("#/frequentation/rozoy?periode=3-mois") ? true : null);
        browser.until(d -> browser.find(".simulated-banner").isDisplayed() ? true : null);
        assertThat(browser.find(".simulated-banner").getText()).isEqualTo("Historique simulé pour la démonstration");
        assertThat(threeMonths.getAttribute("aria-current")).as("the same link, still there").isEqualTo("true");
        assertThat(browser.focused()).as("the keyboard user's place is kept").isEqualTo(threeMonths);
        browser.until(d -> browser.all("table.heatmap thead th").stream().anyMatch(th -> th.getText().equals("15 h"))
                ? true : null);
        assertThat(browser.find(".freq-heatmap a.csv-export").getAttribute("href"))
                .contains("from=" + LocalDate.now(PARIS).minusMonths(3).plusDays(1));
        assertThat(browser.all("table.months tbody th").stream().map(WebElement::getText)
                .anyMatch(text -> text.endsWith("(simulé)"))).isTrue();
        browser.fullScreenshot(SHOTS.resolve("frequentation-3-mois-full.png"));

        // Opened again from its address (a bookmark), the page shows that period.
        browser.open(page("rozoy") + "?periode=1-an");
        browser.reload();
        browser.until(d -> "true".equals(browser.untilText(".period-picker a", "1 an").getAttribute("aria-current"))
                ? true : null);
        browser.until(d -> browser.find(".simulated-banner").isDisplayed() ? true : null);
    }

    @Test
    void onAPhoneTheTablesScrollInTheirOwnBoxAndTheKeyboardReachesEveryLink() throws Exception {
        Browser browser = chromium.browser();
        browser.windowSize(360, 740);
        browser.actAs(hub.api(), page("rozoy") + "?periode=3-mois");
        browser.until(d -> browser.all("table.heatmap thead th").size() == 6 ? true : null);
        browser.until(d -> ((Number) browser.script("return window.innerWidth;")).intValue() <= 360);
        // Against the width beside the vertical scroll bar: nothing may make the page itself scroll sideways.
        Object wider = browser.script("const w = document.documentElement.clientWidth; return [...document"
                + ".querySelectorAll('#screen *')].filter(e => e.getBoundingClientRect().right > w + 0.5"
                + " && !e.closest('.table-scroll')).map(e => e.tagName + '.' + e.className + ' '"
                + " + e.getBoundingClientRect().right + '>' + w).slice(0, 5);");
        assertThat((List<?>) wider).as("elements wider than the phone's screen").isEmpty();
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth"
                + " - document.documentElement.clientWidth;")).intValue()).as("the page scrolls sideways").isZero();
        WebElement box = browser.find(".freq-heatmap .table-scroll");
        assertThat(((Number) browser.script("return arguments[0].scrollWidth - arguments[0].clientWidth;", box))
                .intValue()).as("the heat map scrolls inside its box").isPositive();
        browser.screenshot(SHOTS.resolve("frequentation-360x740.png"));
        browser.fullScreenshot(SHOTS.resolve("frequentation-360-full.png"));

        List<WebElement> wanted = new ArrayList<>();
        for (WebElement element : browser.all("#screen a, #screen .table-scroll, #screen summary")) {
            if (element.isDisplayed()) {
                wanted.add(element);
            }
        }
        assertThat(wanted).hasSizeGreaterThanOrEqualTo(8);
        browser.script("document.activeElement.blur(); window.scrollTo(0, 0);");
        Set<WebElement> reached = new LinkedHashSet<>();
        WebElement previous = null;
        for (int i = 0; i < 60 && !reached.containsAll(wanted); i++) {
            (previous == null ? browser.find("body") : previous).sendKeys(Keys.TAB);
            WebElement focused = browser.focused();
            if (wanted.contains(focused)) {
                reached.add(focused);
                assertThat(browser.script("return arguments[0].matches(':focus-visible');", focused)).isEqualTo(true);
                assertThat(focused.getCssValue("outline-style")).as("visible focus on " + focused.getTagName())
                        .isEqualTo("solid");
            }
            previous = focused;
        }
        assertThat(reached).containsAll(wanted);
    }

    @Test
    void aPeopleCountersNewReadingChangesEnCeMomentLive() throws Exception {
        Browser browser = chromium.browser();
        browser.actAs(hub.api(), page("rozoy"));
        browser.untilText(".occupancy-now", "5 personnes présentes.");
        // A second entrance counter comes online and counts 3 people in, as its agent would say it.
        String node = "rozoy-pi-2";
        MessageCodec codec = new MessageCodec();
        hub.node().publish(Topic.of(Topic.Kind.STATE, "rozoy", node).path(), codec.encode(Messages.state(
                Presence.ONLINE, 1)), 1, false);
        hub.node().publish(Topic.of(Topic.Kind.BIRTH, "rozoy", node).path(), codec.encode(new Birth(
                Messages.envelope(1), 1, new Birth.SiteInfo("Tiers-lieu de Rozoy-sur-Serre", SiteKind.MEDIATION),
                new Birth.AgentInfo("1.0", "sha256:1"), List.of(new Birth.DeviceInfo("porte", DeviceKind.PRESENCE_SENSOR,
                "Compteur de la porte", false)))), 1, false);
        await().atMost(Duration.ofSeconds(30)).until(() -> hub.api().json("/api/devices?node=" + node).size() == 1);
        hub.node().publish(Topic.of(Topic.Kind.TELEMETRY, "rozoy", node).path(), codec.encode(new Telemetry(
                Messages.envelope(2), Optional.of("porte"), Health.OK, Map.of("present", 3, "entries", 3))), 1, false);
        // Without a reload: the screen heard the reading on the live channel and read "en ce moment" again.
        browser.untilText(".occupancy-now", "8 personnes présentes.");
    }

    @Test
    void aViewerSeesItsOwnPlaceAndIsRefusedAnotherInFrench() throws Exception {
        Browser browser = chromium.browser();
        browser.actAs(viewer, page("rozoy"));
        WebElement notice = browser.untilText(".notice", "Accès refusé");
        assertThat(notice.getText()).isEqualTo(
                "Accès refusé : ce compte ne voit que la fréquentation de son propre lieu (« montcornet »).");
        assertThat(browser.all("table.heatmap")).isEmpty();
        assertThat(browser.find(".freq-content").isDisplayed()).isFalse();

        browser.open(page("montcornet"));
        browser.untilText("#screen h2", "Coworking de Montcornet");
        browser.until(d -> browser.all("table.months tbody tr").size() > 0 ? true : null);
        assertThat(browser.find(".notice").getText()).isEmpty();
        assertThat(browser.all("table.months thead th").stream().map(WebElement::getText).toList())
                .contains("Arrivées au coworking");
        assertThat(browser.find(".period-totals").getText()).contains("arrivées au coworking");
        assertThat(browser.find(".occupancy-now").getText()).isEqualTo("0 coworker présent.");
    }

    @Test
    void aHostilePlaceNameIsShownAsText() throws Exception {
        Browser browser = chromium.browser();
        browser.actAs(hub.api(), page("piege"));
        browser.untilText("#screen h2", HOSTILE);
        browser.until(d -> browser.all("table.heatmap td.heat").size() > 0 ? true : null);
        assertThat(browser.find("#screen h2").getText()).isEqualTo("Fréquentation — " + HOSTILE);
        assertThat(browser.all("#screen img")).isEmpty();
        // An alert() would have opened a dialog, and WebDriver refuses to run a script while one is open.
        assertThat(browser.script("return typeof document.title;")).isEqualTo("string");
        assertThat(browser.all(".freq-heatmap td.heat")).as("one hour had a visitor").hasSize(7);
    }
}
