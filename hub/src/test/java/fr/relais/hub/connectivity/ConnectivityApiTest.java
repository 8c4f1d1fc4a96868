package fr.relais.hub.connectivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.hub.ApiClient;
import fr.relais.hub.Hub;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.config.HubConfig;
import fr.relais.hub.connectivity.LinkHistogram.Measure;
import fr.relais.hub.ingest.MqttSettings;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code /api/connectivity} and its CSV on a real hub: who sees which communes, months that are
 * not months, and the CSV holding the JSON's rows. The rows are written as the rollup writes them.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class ConnectivityApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "a-long-enough-password";
    private static final String RANGE = "?from=2025-12&to=2026-11";

    @Parameter
    TestDatabase.Kind kind;

    /*
     * One broker, and one hub per database kind: starting a hub (migrations, the admin's password hashed) took
     * longer than the tests. The tests only read, but for the accounts of the first one (names of their own).
     */
    @RegisterExtension
    static final MosquittoExtension mosquitto = new MosquittoExtension();
    @TempDir
    static Path dir;

    private static TestDatabase.Kind started;
    private static TestDatabase database;
    private static Hub hub;
    private static ApiClient admin;
    private static Connection connection;
    private static ProbeData data;

    @BeforeEach
    void hubOfThisKind(MosquittoProcess broker) throws Exception {
        if (kind == started) {
            return;
        }
        stop();
        database = TestDatabase.create(kind, dir);
        hub = Hub.start(new HubConfig("127.0.0.1", 0, database.url(),
                new MqttSettings(broker.url(), "hub-under-test", Optional.empty(), Optional.empty()), ApiClient.AUTH));
        started = kind;
        admin = ApiClient.admin(hub.httpPort());
        connection = DriverManager.getConnection(database.url());
        data = new ProbeData(connection).territory();
        // A name a spreadsheet must neither split nor run.
        data.update("UPDATE communes SET name = ? WHERE id = 'archon'", "=Archon; \"le haut\"");
        row("dizy-le-gros", "2026-10", ProbeData.DIZY_NODE, ProbeData.DIZY, "adsl", false, 40, 41, 43);
        row("dizy-le-gros", "2026-10", ProbeData.DIZY_NODE, ProbeData.DIZY, "fibre", false, 5);
        row("dizy-le-gros", "2026-11", ProbeData.DIZY_NODE, ProbeData.DIZY, "fibre", false, 6, 7);
        row("archon", "2026-11", ProbeData.VAN_NODE, ProbeData.VAN, "4g", false, 70);
        row("parfondeval", "2025-12", "parfondeval-pi", "parfondeval", "adsl", true, 120, 130);
        row("parfondeval", "2026-12", "parfondeval-pi", "parfondeval", "fibre", false, 8);
        data.update("INSERT INTO connectivity_left_out (month, site_id, reason, readings) VALUES"
                + " ('2026-11', 'spi', 'outside_visits', 4), ('2026-11', 'dizy', 'unreadable', 1),"
                + " ('2026-11', 'dizy', 'no_figures', 6),"
                + " ('2027-01', 'spi', 'outside_visits', 9)");
    }

    @AfterAll
    static void stop() throws Exception {
        if (started == null) {
            return;
        }
        started = null;
        try {
            connection.close();
            hub.close();
        } finally {
            database.close();
        }
    }

    /** A row as the rollup leaves it: its latencies in its histogram, a throughput and no loss for each. */
    private static void row(String commune, String month, String node, String site, String link, boolean simulated,
                     double... latencies) throws Exception {
        LinkHistogram histogram = new LinkHistogram();
        for (double latency : latencies) {
            histogram.add(Measure.LATENCY_MS, latency);
            histogram.add(Measure.LOSS_PERCENT, 0);
            histogram.add(Measure.THROUGHPUT_MBPS, 1000 / latency);
        }
        data.update("INSERT INTO connectivity_month (commune_id, month, node_id, link, site_id, samples,"
                + " throughput_samples, latency_median_ms, loss_median_percent, throughput_median_mbps, histograms,"
                + " simulated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", commune, month, node, link, site,
                latencies.length, latencies.length, histogram.median(Measure.LATENCY_MS).getAsDouble(), 0.0,
                histogram.median(Measure.THROUGHPUT_MBPS).getAsDouble(), histogram.toJson(), simulated);
    }

    @Test
    void adminsSeeEveryCommuneAndASiteScopedAccountItsOwnCommuneOnly() throws Exception {
        JsonNode all = admin.json("/api/connectivity" + RANGE);
        assertThat(keys(all.path("items"))).containsExactly("parfondeval 2025-12 adsl", "dizy-le-gros 2026-10 adsl",
                "dizy-le-gros 2026-10 fibre", "archon 2026-11 4g", "dizy-le-gros 2026-11 fibre");
        assertThat(all.path("simulated").asBoolean()).as("the simulated history of Parfondeval").isTrue();
        assertThat(all.path("leftOut").path("outsideVisits").asLong()).as("2027-01 is out of the range").isEqualTo(4);
        assertThat(all.path("leftOut").path("unreadable").asLong()).isEqualTo(1);
        assertThat(all.path("leftOut").path("noFigures").asLong()).isEqualTo(6);
        JsonNode parfondeval = all.path("items").get(0);
        assertThat(parfondeval.path("roadmap").asBoolean()).isTrue();
        assertThat(parfondeval.path("communeName").asText()).isEqualTo("Parfondeval");
        assertThat(parfondeval.path("samples").asLong()).isEqualTo(2);
        // Dizy in October: the ADSL line's three readings and the fibre's one, all medians of the four.
        JsonNode october = summary(all, "dizy-le-gros", "2026-10");
        assertThat(october.path("samples").asLong()).isEqualTo(4);
        assertThat(october.path("latencyMedianMs").asDouble()).isBetween(40 / 1.05, 40 * 1.05);
        assertThat(october.path("links").toString()).isEqualTo("[\"adsl\",\"fibre\"]");
        assertThat(all.path("summaries")).hasSize(4);
        create("lea", "technician", null);
        assertThat(keys(login("lea").json("/api/connectivity" + RANGE).path("items"))).hasSize(5);

        create("maire-dizy", "viewer", ProbeData.DIZY);
        ApiClient viewer = login("maire-dizy");
        JsonNode dizy = viewer.json("/api/connectivity" + RANGE);
        assertThat(keys(dizy.path("items"))).containsExactly("dizy-le-gros 2026-10 adsl", "dizy-le-gros 2026-10 fibre",
                "dizy-le-gros 2026-11 fibre");
        assertThat(dizy.path("leftOut").path("outsideVisits").asLong()).as("the van's, not theirs").isZero();
        assertThat(dizy.path("leftOut").path("unreadable").asLong()).isEqualTo(1);
        assertThat(keys(viewer.json("/api/connectivity" + RANGE + "&commune=dizy-le-gros").path("items"))).hasSize(3);
        assertError(viewer.get("/api/connectivity" + RANGE + "&commune=archon"), 403,
                "this account sees commune dizy-le-gros only");
        assertThat(csvLines(viewer.get("/api/connectivity.csv" + RANGE))).hasSize(4);
        assertError(viewer.get("/api/connectivity.csv?commune=parfondeval"), 403, "sees commune dizy-le-gros only");

        create("mediatrice-bus", "mediator", ProbeData.VAN);
        JsonNode van = login("mediatrice-bus").json("/api/connectivity" + RANGE);
        assertThat(keys(van.path("items"))).as("the van has no commune: its own rows only")
                .containsExactly("archon 2026-11 4g");
        assertThat(van.path("leftOut").path("outsideVisits").asLong()).isEqualTo(4);
    }

    @Test
    void monthsThatAreNotMonthsAndTooLongARangeAreA400NamingTheParameter() throws Exception {
        assertError(admin.get("/api/connectivity?from=2026-13"), 400, "from must be a month YYYY-MM, got '2026-13'");
        assertError(admin.get("/api/connectivity?to=2026-1"), 400, "to must be a month YYYY-MM, got '2026-1'");
        assertError(admin.get("/api/connectivity?from=2026-12-01&to=2026-12"), 400, "from must be a month");
        assertError(admin.get("/api/connectivity?from=%27%3B%20DROP&to=2026-12"), 400, "from must be a month");
        assertError(admin.get("/api/connectivity.csv?to=garbage"), 400, "to must be a month YYYY-MM, got 'garbage'");
        assertError(admin.get("/api/connectivity?from=2026-11&to=2026-10"), 400, "to (2026-10) must not be before from");
        assertError(admin.get("/api/connectivity?from=2023-11&to=2026-11"), 400, "is 37 months: at most 36");
        assertError(admin.get("/api/connectivity?month=2026-11"), 400, "unknown parameter 'month'");
        assertError(admin.get("/api/connectivity?commune=..%2Fetc"), 400, "commune");
        assertError(admin.get("/api/connectivity?commune=atlantis"), 404, "no commune atlantis");
        assertThat(admin.get("/api/connectivity?from=2023-12&to=2026-11").statusCode()).as("36 months").isEqualTo(200);
        java.time.YearMonth before = java.time.YearMonth.now(ProbeData.PARIS);
        JsonNode byDefault = admin.json("/api/connectivity");
        java.time.YearMonth after = java.time.YearMonth.now(ProbeData.PARIS);
        java.time.YearMonth to = java.time.YearMonth.parse(byDefault.path("to").asText());
        assertThat(to).as("this month (Europe/Paris)").isIn(before, after);
        assertThat(byDefault.path("from").asText()).as("12 months in all").isEqualTo(to.minusMonths(11).toString());
    }

    @Test
    void theCsvHoldsTheJsonRowsForASpreadsheet() throws Exception {
        JsonNode json = admin.json("/api/connectivity" + RANGE);
        HttpResponse<String> csv = admin.get("/api/connectivity.csv" + RANGE);

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("content-type")).hasValue("text/csv; charset=utf-8");
        assertThat(csv.headers().firstValue("content-disposition"))
                .hasValue("attachment; filename=\"debit-2025-12-2026-11.csv\"");
        assertThat(csv.body()).startsWith("\uFEFFCommune;Nom de la commune;Mois;Nœud;Lieu;Lien;Mesures;");
        List<String> lines = csvLines(csv);
        assertThat(lines).hasSize(1 + json.path("items").size());
        assertThat(lines.get(4)).as("quoted, its quotes doubled, and not a formula")
                .startsWith("archon;\"'=Archon; \"\"le haut\"\"\";2026-11;spi-pi;spi;4g;1;1;");
        for (int i = 0; i < json.path("items").size(); i++) {
            JsonNode item = json.path("items").get(i);
            String[] fields = lines.get(i + 1).split(";(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
            assertThat(fields).hasSize(13);
            assertThat(fields[0]).isEqualTo(item.path("commune").asText());
            assertThat(fields[2]).isEqualTo(item.path("month").asText());
            assertThat(fields[3]).isEqualTo(item.path("node").asText());
            assertThat(fields[4]).isEqualTo(item.path("site").asText());
            assertThat(fields[5]).isEqualTo(item.path("link").asText());
            assertThat(Long.parseLong(fields[6])).isEqualTo(item.path("samples").asLong());
            assertThat(Long.parseLong(fields[7])).isEqualTo(item.path("throughputSamples").asLong());
            assertThat(decimal(fields[8])).isEqualTo(item.path("latencyMedianMs").asDouble());
            assertThat(decimal(fields[9])).isEqualTo(item.path("lossMedianPercent").asDouble());
            assertThat(decimal(fields[10])).isEqualTo(item.path("throughputMedianMbps").asDouble());
            assertThat(fields[11]).isEqualTo(item.path("simulated").asBoolean() ? "oui" : "non");
            assertThat(fields[12]).isEqualTo(item.path("roadmap").asBoolean() ? "oui" : "non");
        }
        assertThat(lines.get(1)).as("decimal commas, yes and no in words")
                .isEqualTo("parfondeval;Parfondeval;2025-12;parfondeval-pi;parfondeval;adsl;2;2;115,48;0;7,87;oui;oui");
    }

    private static JsonNode summary(JsonNode answer, String commune, String month) {
        for (JsonNode summary : answer.path("summaries")) {
            if (summary.path("commune").asText().equals(commune) && summary.path("month").asText().equals(month)) {
                return summary;
            }
        }
        throw new AssertionError("no summary of " + commune + " " + month + " in " + answer.path("summaries"));
    }

    private static List<String> keys(JsonNode items) {
        List<String> keys = new ArrayList<>();
        items.forEach(item -> keys.add(item.path("commune").asText() + " " + item.path("month").asText() + " "
                + item.path("link").asText()));
        return keys;
    }

    private static List<String> csvLines(HttpResponse<String> csv) {
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        return List.of(csv.body().split("\r\n"));
    }

    private static double decimal(String field) {
        return Double.parseDouble(field.replace(',', '.'));
    }

    private static void create(String username, String role, String site) throws Exception {
        HttpResponse<String> created = admin.send("POST", "/api/accounts", "{\"username\":\"" + username
                + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\""
                + (site == null ? "" : ",\"site\":\"" + site + "\"") + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private static ApiClient login(String username) throws Exception {
        return ApiClient.login(hub.httpPort(), username, PASSWORD);
    }

    private static void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("status").asInt()).isEqualTo(status);
        assertThat(error.path("error").asText()).contains(message);
    }
}
