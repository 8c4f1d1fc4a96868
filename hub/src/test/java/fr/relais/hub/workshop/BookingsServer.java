package fr.relais.hub.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.hub.ApiClient;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.alert.AlertRoutes;
import fr.relais.hub.alert.MutableClock;
import fr.relais.hub.api.ApiServer;
import fr.relais.hub.auth.Auth;
import fr.relais.hub.content.ContentChanges;
import fr.relais.hub.db.Database;
import fr.relais.hub.place.PlaceTimes;
import fr.relais.hub.registry.RegistryReader;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The hub's real HTTP API (authentication, audit, the dashboard's files) with the workshops' and
 * appointments' routes mounted as {@code Hub} will mount them, on a test database of either kind,
 * the routes' clock in the test's hands and the content changes recorded. No broker: the kiosk's
 * actions are run by the tests on a writer connection of their own, as the ingestion writer would.
 */
public final class BookingsServer implements AutoCloseable {
    public static final String SITE = "rozoy";
    public static final String OTHER_SITE = "montcornet";
    public static final String PASSWORD = "a-long-enough-password";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the routes told the content publisher, in order. */
    public static final class RecordingChanges implements ContentChanges {
        public final List<String> sites = new CopyOnWriteArrayList<>();

        @Override
        public void changed(String site) {
            sites.add(site);
        }

        @Override
        public void changedAll() {
            sites.add("*");
        }
    }

    public final TestDatabase testDatabase;
    public final Database database;
    public final MutableClock clock = new MutableClock(Instant.now());
    public final RecordingChanges changes = new RecordingChanges();
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer http;
    public final ApiClient admin;

    public BookingsServer(TestDatabase.Kind kind, Path dir) throws Exception {
        testDatabase = TestDatabase.create(kind, dir);
        database = Database.open(testDatabase.url());
        Auth auth = Auth.start(vertx, database, ApiClient.AUTH, clock, new PrintStream(OutputStream.nullOutputStream()));
        RegistryReader registry = new RegistryReader(database);
        // The dashboard's fleet view reads sites and alerts too: real ones, empty.
        http = fr.relais.hub.PlaceFeatures.mount(new ApiServer(vertx, registry, () -> null, null, null,
                new AlertRoutes(vertx, new fr.relais.hub.alert.AlertService(new fr.relais.hub.alert.AlertStore(database),
                clock), registry), null, auth), vertx, database,
                new fr.relais.hub.queue.QueueStore(database.coworking()), changes, clock, "http://127.0.0.1")
                .listen("127.0.0.1", 0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        admin = ApiClient.admin(port());
    }

    public int port() {
        return http.actualPort();
    }

    /** A connection in manual-commit mode, as the ingestion writer's. */
    public Connection writer() throws Exception {
        Connection connection = DriverManager.getConnection(testDatabase.url());
        if (testDatabase.url().startsWith("jdbc:sqlite:")) {
            // As the hub's own connections wait (Database.open), not the driver's 3 s: on a loaded machine
            // a writer of the hub under test held the lock longer and a test failed with SQLITE_BUSY.
            try (var pragma = connection.createStatement()) {
                pragma.execute("PRAGMA busy_timeout = 10000");
            }
        }
        connection.setAutoCommit(false);
        return connection;
    }

    public JsonNode send(ApiClient client, String method, String path, String body, int status) throws Exception {
        HttpResponse<String> response = client.send(method, path, body);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    public ApiClient account(String username, String role, String site) throws Exception {
        send(admin, "POST", "/api/accounts", "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"" + role + "\"" + (site == null ? "" : ",\"site\":\"" + site + "\"") + "}", 201);
        return ApiClient.login(port(), username, PASSWORD);
    }

    /** A workshop of {@code site} tomorrow 14:00–16:00 (Paris) with {@code seats} seats; its id. */
    public String workshop(ApiClient client, String site, int seats) throws Exception {
        String day = java.time.LocalDate.now(PlaceTimes.PARIS).plusDays(1).toString();
        return send(client, "POST", "/api/workshops", "{\"site\":\"" + site + "\",\"title\":\"Premiers pas\","
                + "\"topic\":\"Ordinateur\",\"level\":\"beginner\",\"start\":\"" + at(day, "14:00") + "\",\"end\":\""
                + at(day, "16:00") + "\",\"seats\":" + seats + ",\"place\":\"Salle informatique\"}", 201)
                .path("id").asText();
    }

    /** {@code 2026-12-07T14:00:00+01:00}: a local time of Paris with its offset that day. */
    public static String at(String day, String time) {
        return PlaceTimes.iso(java.time.LocalDate.parse(day).atTime(java.time.LocalTime.parse(time))
                .atZone(PlaceTimes.PARIS).toInstant().toEpochMilli());
    }

    @Override
    public void close() throws Exception {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            database.close();
            testDatabase.close();
        }
    }
}
