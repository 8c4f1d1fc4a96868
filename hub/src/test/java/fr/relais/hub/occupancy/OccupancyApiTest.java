package fr.relais.hub.occupancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.hub.ApiClient;
import fr.relais.hub.HubUnderTest;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.db.Database;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code /api/occupancy/*} and {@code /api/occupancy.csv} on a real hub (real authentication), on
 * both engines: the views' figures from events rolled up, the CSV the same as the JSON and the
 * tables, who sees which site, and bad input answered 400/404 naming what is wrong.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class OccupancyApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROZOY = "rozoy";
    private static final String MONTCORNET = "montcornet";
    private static final String PASSWORD = "a-long-enough-password";
    /** Monday 2 November to Sunday 29 November 2026: four of each weekday. */
    private static final String NOVEMBER = "from=2026-11-02&to=2026-11-29";

    @Parameter
    TestDatabase.Kind kind;

    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    private TestDatabase testDatabase;
    private Database database;
    private HubUnderTest hub;
    private ApiClient admin;
    private long seq;

    @BeforeEach
    void start(MosquittoProcess broker, @TempDir Path dir) throws Exception {
        testDatabase = TestDatabase.create(kind, dir);
        database = Database.open(testDatabase.url());
        write("INSERT INTO sites (id, name, kind, updated_at) VALUES (?, 'Rozoy', 'mediation', 0)", ROZOY);
        write("INSERT INTO sites (id, name, kind, updated_at) VALUES (?, 'Montcornet', 'coworking', 0)", MONTCORNET);
        write("INSERT INTO nodes (id, site_id, state) VALUES ('rozoy-pi', ?, 'online')", ROZOY);
        write("INSERT INTO nodes (id, site_id, state) VALUES ('montcornet-pi', ?, 'online')", MONTCORNET);
        // Tuesdays 3 and 10 November at 09:xx (UTC+1): 3 then 1 visitors; Saturday 7th at 14:xx: 2 in, 1 out,
        // a room used 30 minutes; Saturday 31 October: 1 visitor, before the period.
        for (int i = 0; i < 3; i++) {
            event("rozoy-pi", "entry", "2026-11-03T08:1" + i + ":00Z", "{}");
        }
        event("rozoy-pi", "entry", "2026-11-10T08:20:00Z", "{}");
        event("rozoy-pi", "entry", "2026-11-07T13:00:00Z", "{}");
        event("rozoy-pi", "entry", "2026-11-07T13:05:00Z", "{}");
        event("rozoy-pi", "exit", "2026-11-07T13:45:00Z", "{}");
        event("rozoy-pi", "room-free", "2026-11-07T13:50:00Z", "{\"occupiedMinutes\":30}");
        event("rozoy-pi", "entry", "2026-10-31T09:00:00Z", "{}");
        event("montcornet-pi", "access-granted", "2026-11-04T08:00:00Z", "{\"direction\":\"entry\"}");
        assertThat(new OccupancyRollup().run(database.housekeeping(), System.currentTimeMillis(), 1_000))
                .isPositive();
        // The demo's simulated history (written as WP-Hist does): a September day.
        write("INSERT INTO occupancy_hour (site_id, bucket_start, local_day, local_hour, weekday, entries, exits,"
                + " room_minutes, coworker_checkins, simulated) VALUES (?, ?, '2026-09-15', 10, 2, 7, 7, 0, 0, TRUE)",
                ROZOY, Instant.parse("2026-09-15T08:00:00Z").toEpochMilli());
        write("INSERT INTO occupancy_day (site_id, local_day, month, entries, exits, room_minutes, coworker_checkins,"
                + " simulated) VALUES (?, '2026-09-15', '2026-09', 7, 7, 0, 0, TRUE)", ROZOY);
        // What the registry last heard: an entrance counter, two rooms; two coworkers in, one visit left open
        // past the automatic check-out, one closed.
        device("rozoy-pi", "compteur", "{\"present\":5,\"entries\":9,\"exits\":4,\"occupied\":true}");
        device("rozoy-pi", "salle-1", "{\"room\":\"Salle 1\",\"occupied\":true,\"motion\":false}");
        device("rozoy-pi", "salle-2", "{\"room\":\"Salle 2\",\"occupied\":false,\"motion\":false}");
        long now = System.currentTimeMillis();
        // The automatic check-out half a day away, so that no test runs across it.
        write("INSERT INTO coworking_sites (site_id, time_zone, booking_margin_minutes, auto_checkout_at)"
                + " VALUES (?, 'Europe/Paris', 15, ?)", MONTCORNET, LocalTime.now(LocalHours.ZONE).plusHours(12)
                .format(DateTimeFormatter.ofPattern("HH:mm")));
        presence("m1", now - 1_000, null);
        presence("m2", now - 2_000, null);
        presence("m3", now - 3 * 86_400_000L, null);
        presence("m4", now - 3_000, now - 1_000);

        hub = HubUnderTest.start(broker.url(), testDatabase.url());
        admin = hub.api();
    }

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
        database.close();
        testDatabase.close();
    }

    @Test
    void theHeatMapAveragesEachWeekdayAndHourOverTheWeeksOfThePeriod() throws Exception {
        JsonNode map = admin.json("/api/occupancy/heatmap?site=" + ROZOY + "&" + NOVEMBER);

        assertThat(map.path("site").asText()).isEqualTo(ROZOY);
        assertThat(map.path("from").asText()).isEqualTo("2026-11-02");
        assertThat(map.path("to").asText()).isEqualTo("2026-11-29");
        assertThat(map.path("simulated").asBoolean()).isFalse();
        assertThat(map.path("weeks").path("1").asInt()).isEqualTo(4);
        assertThat(map.path("weeks").path("7").asInt()).isEqualTo(4);
        assertThat(map.path("cells")).hasSize(7 * 24);
        assertThat(cell(map, 2, 9).path("entries").asLong()).isEqualTo(4);
        assertThat(cell(map, 2, 9).path("perWeek").asDouble()).isEqualTo(1.0);
        assertThat(cell(map, 6, 14).path("entries").asLong()).isEqualTo(2);
        assertThat(cell(map, 6, 14).path("perWeek").asDouble()).isEqualTo(0.5);
        assertThat(cell(map, 6, 10).path("entries").asLong()).as("31 October is outside").isZero();
        assertThat(map.path("totals").toString())
                .isEqualTo("{\"entries\":6,\"exits\":1,\"roomMinutes\":30,\"coworkerCheckins\":0}");

        JsonNode september = admin.json("/api/occupancy/heatmap?site=" + ROZOY + "&from=2026-09-01&to=2026-11-29");
        assertThat(september.path("simulated").asBoolean()).as("the simulated September day is in").isTrue();
        assertThat(september.path("totals").path("entries").asLong()).isEqualTo(6 + 1 + 7);
    }

    @Test
    void daysAndMonthsShowTheRowsOfThePeriodAndSayWhichAreSimulated() throws Exception {
        JsonNode days = admin.json("/api/occupancy/days?site=" + ROZOY + "&from=2026-09-01&to=2026-11-30");
        assertThat(days.path("simulated").asBoolean()).isTrue();
        assertThat(days.path("days")).extracting(day -> day.path("day").asText() + " " + day.path("entries").asLong()
                + " " + day.path("simulated").asBoolean()).containsExactly("2026-09-15 7 true", "2026-10-31 1 false",
                "2026-11-03 3 false", "2026-11-07 2 false", "2026-11-10 1 false");
        assertThat(days.path("days").get(3).toString()).isEqualTo("{\"day\":\"2026-11-07\",\"entries\":2,\"exits\":1,"
                + "\"roomMinutes\":30,\"coworkerCheckins\":0,\"simulated\":false}");

        JsonNode months = admin.json("/api/occupancy/months?site=" + ROZOY + "&from=2026-10-01&to=2026-11-30");
        assertThat(months.path("simulated").asBoolean()).isFalse();
        assertThat(months.path("months")).extracting(month -> month.path("month").asText() + " "
                + month.path("entries").asLong()).containsExactly("2026-10 1", "2026-11 6");

        JsonNode coworking = admin.json("/api/occupancy/days?site=" + MONTCORNET + "&" + NOVEMBER);
        assertThat(coworking.path("days")).extracting(day -> day.path("day").asText() + " "
                + day.path("coworkerCheckins").asLong()).containsExactly("2026-11-04 1");

        // By default, the last 4 weeks to today (Paris).
        LocalDate today = LocalDate.now(LocalHours.ZONE);
        JsonNode recent = admin.json("/api/occupancy/days?site=" + ROZOY);
        assertThat(recent.path("to").asText()).isEqualTo(today.toString());
        assertThat(recent.path("from").asText()).isEqualTo(today.minusDays(27).toString());
    }

    @Test
    void theCsvHoldsTheJsonsFiguresWhichAreTheTablesSums() throws Exception {
        HttpResponse<String> heatmap = admin.get("/api/occupancy.csv?site=" + ROZOY + "&" + NOVEMBER);
        assertThat(heatmap.statusCode()).as(heatmap.body()).isEqualTo(200);
        assertThat(heatmap.headers().firstValue("content-type")).hasValue("text/csv; charset=utf-8");
        assertThat(heatmap.headers().firstValue("content-disposition"))
                .hasValue("attachment; filename=frequentation-rozoy-heatmap.csv");
        List<String[]> cells = csv(heatmap.body(), "jour de la semaine;heure;entrées sur la période;"
                + "entrées par semaine (moyenne)");
        assertThat(cells).hasSize(7 * 24);
        assertThat(cells).filteredOn(row -> row[0].equals("mardi") && row[1].equals("09:00"))
                .singleElement().satisfies(row -> assertThat(row).containsExactly("mardi", "09:00", "4", "1,0"));
        assertThat(cells).filteredOn(row -> row[0].equals("samedi") && row[1].equals("14:00"))
                .singleElement().satisfies(row -> assertThat(row[3]).isEqualTo("0,5"));
        JsonNode json = admin.json("/api/occupancy/heatmap?site=" + ROZOY + "&" + NOVEMBER);
        long dbEntries = sum("SELECT SUM(entries) FROM occupancy_hour WHERE site_id = ? AND local_day >= '2026-11-02'"
                + " AND local_day <= '2026-11-29'");
        assertThat(column(cells, 2)).isEqualTo(json.path("totals").path("entries").asLong()).isEqualTo(dbEntries)
                .isEqualTo(6);

        String period = "&from=2026-09-01&to=2026-11-30";
        HttpResponse<String> daysCsv = admin.get("/api/occupancy.csv?site=" + ROZOY + "&view=days" + period);
        assertThat(daysCsv.headers().firstValue("content-disposition"))
                .hasValue("attachment; filename=frequentation-rozoy-days.csv");
        List<String[]> days = csv(daysCsv.body(), "jour;entrées;sorties;minutes d'occupation des salles;"
                + "arrivées au coworking;historique simulé");
        JsonNode daysJson = admin.json("/api/occupancy/days?site=" + ROZOY + period);
        assertThat(days).extracting(row -> String.join(";", row)).containsExactly("2026-09-15;7;7;0;0;oui",
                "2026-10-31;1;0;0;0;non", "2026-11-03;3;0;0;0;non", "2026-11-07;2;1;30;0;non", "2026-11-10;1;0;0;0;non");
        String[] fields = {"entries", "exits", "roomMinutes", "coworkerCheckins"};
        String[] columns = {"entries", "exits", "room_minutes", "coworker_checkins"};
        for (int i = 0; i < fields.length; i++) {
            long inJson = 0;
            for (JsonNode day : daysJson.path("days")) {
                inJson += day.path(fields[i]).asLong();
            }
            long db = sum("SELECT SUM(" + columns[i] + ") FROM occupancy_day WHERE site_id = ?"
                    + " AND local_day >= '2026-09-01' AND local_day <= '2026-11-30'");
            assertThat(column(days, i + 1)).as(fields[i]).isEqualTo(inJson).isEqualTo(db);
        }

        HttpResponse<String> monthsCsv = admin.get("/api/occupancy.csv?site=" + ROZOY + "&view=months" + period);
        assertThat(csv(monthsCsv.body(), "mois;entrées;sorties;minutes d'occupation des salles;arrivées au coworking;"
                + "historique simulé")).extracting(row -> String.join(";", row))
                .containsExactly("2026-09;7;7;0;0;oui", "2026-10;1;0;0;0;non", "2026-11;6;1;30;0;non");
    }

    @Test
    void nowCountsPeopleRoomsAndCoworkersWithoutNames() throws Exception {
        JsonNode rozoy = admin.json("/api/occupancy/now?site=" + ROZOY);
        assertThat(rozoy.path("peopleIn").asLong()).isEqualTo(5);
        assertThat(rozoy.path("rooms").toString()).isEqualTo("{\"occupied\":1,\"total\":2}");
        assertThat(rozoy.path("coworkersIn").isNull()).as("no coworking at Rozoy").isTrue();
        assertThat(Instant.parse(rozoy.path("at").asText())).isBeforeOrEqualTo(Instant.now());

        JsonNode montcornet = admin.json("/api/occupancy/now?site=" + MONTCORNET);
        assertThat(montcornet.path("coworkersIn").asLong()).as("m1 and m2; m3's visit ended at the auto check-out")
                .isEqualTo(2);
        assertThat(montcornet.path("peopleIn").isNull()).isTrue();
        assertThat(montcornet.path("rooms").isNull()).isTrue();
        assertThat(montcornet.toString()).doesNotContain("m1").doesNotContain("Membre");
    }

    @Test
    void aSiteScopedAccountSeesItsOwnSiteOnly() throws Exception {
        account("maire-rozoy", "viewer", ROZOY);
        account("mediatrice", "mediator", MONTCORNET);
        account("gerant", "manager", MONTCORNET);
        ApiClient viewer = ApiClient.login(hub.hub().httpPort(), "maire-rozoy", PASSWORD);

        assertThat(viewer.json("/api/occupancy/days?" + NOVEMBER).path("site").asText()).as("its own by default")
                .isEqualTo(ROZOY);
        assertThat(viewer.json("/api/occupancy/heatmap?site=rozoy&" + NOVEMBER).path("totals").path("entries").asLong())
                .isEqualTo(6);
        assertThat(viewer.json("/api/occupancy/now").path("peopleIn").asLong()).isEqualTo(5);
        assertThat(viewer.get("/api/occupancy.csv?view=months").statusCode()).isEqualTo(200);
        for (String path : List.of("/api/occupancy/now", "/api/occupancy/heatmap", "/api/occupancy/days",
                "/api/occupancy/months", "/api/occupancy.csv")) {
            assertError(viewer.get(path + "?site=" + MONTCORNET), 400, "site: this account sees site rozoy only");
        }
        for (String name : List.of("mediatrice", "gerant")) {
            ApiClient scoped = ApiClient.login(hub.hub().httpPort(), name, PASSWORD);
            assertThat(scoped.json("/api/occupancy/now").path("coworkersIn").asLong()).isEqualTo(2);
            assertError(scoped.get("/api/occupancy/days?site=" + ROZOY), 400, "sees site montcornet only");
        }
        assertError(ApiClient.anonymous(hub.hub().httpPort()).get("/api/occupancy/now?site=" + ROZOY), 401, "");
    }

    @Test
    void badInputIsA400NamingTheParameterAndAnUnknownSiteA404() throws Exception {
        String days = "/api/occupancy/days?site=" + ROZOY;
        assertError(admin.get("/api/occupancy/days"), 400, "site is required");
        assertError(admin.get("/api/occupancy/now"), 400, "site is required");
        assertError(admin.get("/api/occupancy/days?site=Rozoy%20!"), 400, "site 'Rozoy !' must be lower-case");
        assertError(admin.get(days + "&from=2026-13-01"), 400, "from must be a day yyyy-mm-dd");
        assertError(admin.get(days + "&from=01/11/2026"), 400, "from must be a day yyyy-mm-dd");
        assertError(admin.get(days + "&to=tomorrow"), 400, "to must be a day yyyy-mm-dd, such as 2026-12-01, got"
                + " 'tomorrow'");
        assertError(admin.get(days + "&from=2026-11-30&to=2026-11-01"), 400, "from (2026-11-30) must not be after to");
        assertError(admin.get(days + "&from=2020-01-01&to=2026-11-01"), 400, "the period must be at most 3 years");
        assertThat(admin.get(days + "&from=2023-11-01&to=2026-11-01").statusCode()).as("3 years exactly")
                .isEqualTo(200);
        assertError(admin.get("/api/occupancy.csv?site=rozoy&view=pie"), 400, "view must be heatmap, days or months");
        for (String path : List.of("/api/occupancy/now", "/api/occupancy/heatmap", "/api/occupancy/days",
                "/api/occupancy/months", "/api/occupancy.csv")) {
            assertError(admin.get(path + "?site=nowhere"), 404, "no site nowhere");
        }
    }

    private static JsonNode cell(JsonNode map, int weekday, int hour) {
        for (JsonNode cell : map.path("cells")) {
            if (cell.path("weekday").asInt() == weekday && cell.path("hour").asInt() == hour) {
                return cell;
            }
        }
        throw new AssertionError("no cell " + weekday + "/" + hour);
    }

    /** The rows after the header, which must be {@code header} after a UTF-8 BOM; CRLF line ends. */
    private static List<String[]> csv(String body, String header) {
        assertThat(body).startsWith("\uFEFF" + header + "\r\n").endsWith("\r\n");
        List<String> lines = Arrays.asList(body.substring(1).split("\r\n"));
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(line.split(";", -1));
        }
        int columns = header.split(";").length;
        assertThat(rows).allSatisfy(row -> assertThat(row).hasSize(columns));
        return rows;
    }

    private static long column(List<String[]> rows, int index) {
        return rows.stream().mapToLong(row -> Long.parseLong(row[index])).sum();
    }

    private static void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("error").asText()).contains(message);
    }

    private void account(String username, String role, String site) throws Exception {
        HttpResponse<String> created = admin.send("POST", "/api/accounts", "{\"username\":\"" + username
                + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\",\"site\":\"" + site + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private void event(String node, String type, String at, String data) throws SQLException {
        long time = Instant.parse(at).toEpochMilli();
        write("INSERT INTO events (msg_id, node_id, device_id, seq, device_ts, clock_synced, received_at, type,"
                + " severity, message, data) VALUES (?, ?, 'capteur', ?, ?, TRUE, ?, ?, 'info', '', ?)",
                UUID.randomUUID().toString(), node, ++seq, time, time, type, data);
    }

    private void device(String node, String id, String metrics) throws SQLException {
        write("INSERT INTO devices (node_id, id, kind, name, simulated, health, metrics, last_seen)"
                + " VALUES (?, ?, 'presence-sensor', ?, FALSE, 'ok', ?, 0)", node, id, id, metrics);
    }

    private void presence(String member, long in, Long out) throws SQLException {
        write("INSERT INTO coworking_members (id, site_id, name, status, created_at) VALUES (?, ?, ?, 'active', 0)",
                member, MONTCORNET, "Membre " + member);
        write("INSERT INTO coworking_presence (id, site_id, member_id, checked_in_at, checked_out_at, checkout)"
                + " VALUES (?, ?, ?, ?, ?, ?)", "visit-" + member, MONTCORNET, member, in, out, out == null ? null : "exit");
    }

    private void write(String sql, Object... parameters) throws SQLException {
        Connection connection = database.writer();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
            connection.commit();
        }
    }

    private long sum(String sql) throws SQLException {
        Connection connection = database.reader();
        synchronized (connection) {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, ROZOY);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        }
    }
}
