package fr.relais.hub.van;

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
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The hub's real router (authentication, audit, the places' and the van's routes) on a test
 * database, the example territory loaded, the sites registered as their nodes' births would, the
 * routes' clock in the test's hands and a recording {@link ContentChanges}; an admin logged in.
 * Hub.java does not mount these routes yet (the lead wires them), so the test builds the server.
 */
public final class TourHub implements AutoCloseable {
    public static final String PUBLIC_URL = "https://relais.example.org";
    private static final ObjectMapper JSON = new ObjectMapper();

    public final TestDatabase testDatabase;
    public final Database database;
    public final Vertx vertx = Vertx.vertx();
    public final MutableClock clock;
    public final Recorded changes = new Recorded();
    public final HttpServer server;
    public final ApiClient admin;

    /** What the routes told the kiosks' publisher. */
    public static final class Recorded implements ContentChanges {
        public final List<String> sites = new CopyOnWriteArrayList<>();
        public final List<String> all = new CopyOnWriteArrayList<>();

        @Override
        public void changed(String site) {
            sites.add(site);
        }

        @Override
        public void changedAll() {
            all.add("all");
        }
    }

    public TourHub(TestDatabase.Kind kind, Path dir, Instant now) throws Exception {
        testDatabase = TestDatabase.create(kind, dir);
        database = Database.open(testDatabase.url());
        clock = new MutableClock(now);
        assertThat(ExampleTerritory.loadIfEmpty(database, clock)).isTrue();
        try (Connection sql = DriverManager.getConnection(testDatabase.url());
             PreparedStatement site = sql.prepareStatement(
                     "INSERT INTO sites (id, name, kind, updated_at) VALUES (?, ?, ?, 0)")) {
            for (String[] row : List.of(new String[] {"rozoy", "Tiers-lieu numérique de Rozoy-sur-Serre", "mediation"},
                    new String[] {"montcornet", "Tiers-lieu numérique de Montcornet", "mediation"},
                    new String[] {"spi", "Service public itinérant (SPI)", "van"})) {
                site.setString(1, row[0]);
                site.setString(2, row[1]);
                site.setString(3, row[2]);
                site.executeUpdate();
            }
        }
        Auth auth = Auth.start(vertx, database, ApiClient.AUTH, Clock.systemUTC(),
                new PrintStream(OutputStream.nullOutputStream()));
        // The registry and the alerts too: the dashboard's fleet view reads them at every login.
        fr.relais.hub.registry.RegistryReader registry = new fr.relais.hub.registry.RegistryReader(database);
        AlertRoutes alerts = new AlertRoutes(vertx, new fr.relais.hub.alert.AlertService(
                new fr.relais.hub.alert.AlertStore(database), Clock.systemUTC()), registry);
        ApiServer api = new ApiServer(vertx, registry, () -> null, null, null, alerts,
                new fr.relais.hub.telemetry.TelemetryReader(database), auth);
        fr.relais.hub.PlaceFeatures.mount(api, vertx, database, new fr.relais.hub.queue.QueueStore(database.coworking()),
                changes, clock, PUBLIC_URL);
        server = api.listen("127.0.0.1", 0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        admin = ApiClient.admin(server.actualPort());
    }

    public int port() {
        return server.actualPort();
    }

    public JsonNode send(ApiClient client, String method, String path, String body, int status) throws Exception {
        HttpResponse<String> response = client.send(method, path, body);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    public ApiClient account(String username, String role, String site) throws Exception {
        String password = "a-long-enough-password";
        send(admin, "POST", "/api/accounts", "{\"username\":\"" + username + "\",\"password\":\"" + password
                + "\",\"role\":\"" + role + "\"" + (site == null ? "" : ",\"site\":\"" + site + "\"") + "}", 201);
        return ApiClient.login(port(), username, password);
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
