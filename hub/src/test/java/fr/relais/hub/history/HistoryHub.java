package fr.relais.hub.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.hub.ApiClient;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.alert.AlertRoutes;
import fr.relais.hub.alert.AlertService;
import fr.relais.hub.alert.AlertStore;
import fr.relais.hub.api.ApiServer;
import fr.relais.hub.auth.Auth;
import fr.relais.hub.db.Database;
import fr.relais.hub.registry.RegistryReader;
import fr.relais.hub.telemetry.TelemetryReader;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The hub's real router (authentication, permissions, audit, alerts, events) on a test database
 * whose rows the tests insert themselves, so that times, ties and volumes are theirs to choose;
 * an admin logged in. For the history lists: events, alerts and the audit.
 */
public final class HistoryHub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    public final TestDatabase testDatabase;
    public final Database database;
    public final Vertx vertx = Vertx.vertx();
    public final HttpServer server;
    public final ApiClient admin;
    /** The folder made for this hub alone by {@link #start}, deleted at close; null when the test gave one. */
    private Path ownFolder;

    /** One page of a list: its rows and headers. */
    public record Page(JsonNode rows, long total, Optional<String> next) {
    }

    public HistoryHub(TestDatabase.Kind kind, Path dir) throws Exception {
        testDatabase = TestDatabase.create(kind, dir);
        database = Database.open(testDatabase.url());
        Auth auth = Auth.start(vertx, database, ApiClient.AUTH, Clock.systemUTC(),
                new PrintStream(OutputStream.nullOutputStream()));
        RegistryReader registry = new RegistryReader(database);
        AlertRoutes alerts = new AlertRoutes(vertx, new AlertService(new AlertStore(database), Clock.systemUTC()),
                registry);
        ApiServer api = new ApiServer(vertx, registry, () -> null, null, null, alerts, new TelemetryReader(database),
                auth).routes(new EventRoutes(vertx, new EventReader(database))::mount);
        server = api.listen("127.0.0.1", 0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        admin = ApiClient.admin(server.actualPort());
    }

    /**
     * A hub for a whole test class (its setup runs once per database engine, not per test: each
     * hub costs two BCrypt hashes and, on PostgreSQL, a new database), in a folder of its own.
     */
    public static HistoryHub start(TestDatabase.Kind kind) throws Exception {
        Path folder = Files.createTempDirectory("relais-history-");
        HistoryHub hub = new HistoryHub(kind, folder);
        hub.ownFolder = folder;
        return hub;
    }

    public int port() {
        return server.actualPort();
    }

    /** The answer's body, once its status is checked; the message names the request and the body. */
    public JsonNode send(ApiClient client, String path, int status) throws Exception {
        HttpResponse<String> response = client.get(path);
        assertThat(response.statusCode()).as("GET " + path + ": " + response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    /** The error message of a refused request. */
    public String error(ApiClient client, String path, int status) throws Exception {
        return send(client, path, status).path("error").asText();
    }

    public Page page(ApiClient client, String path) throws Exception {
        HttpResponse<String> response = client.get(path);
        assertThat(response.statusCode()).as("GET " + path + ": " + response.body()).isEqualTo(200);
        Optional<String> next = response.headers().firstValue("Link").map(link -> {
            Matcher matcher = NEXT.matcher(link);
            assertThat(matcher.matches()).as("Link header " + link).isTrue();
            return matcher.group(1);
        });
        long total = Long.parseLong(response.headers().firstValue("X-Total-Count").orElseThrow());
        return new Page(JSON.readTree(response.body()), total, next);
    }

    /** Every page of a list, following its Link headers (at most 50, as the dashboard does). */
    public List<Page> pages(ApiClient client, String path) throws Exception {
        List<Page> pages = new ArrayList<>();
        Optional<String> next = Optional.of(path);
        while (next.isPresent()) {
            assertThat(pages).as("pages of " + path).hasSizeLessThan(50);
            Page page = page(client, next.get());
            pages.add(page);
            next = page.next();
        }
        return pages;
    }

    public ApiClient account(String username, String role, String site) throws Exception {
        String password = "a-long-enough-password";
        HttpResponse<String> created = admin.send("POST", "/api/accounts", "{\"username\":\"" + username
                + "\",\"password\":\"" + password + "\",\"role\":\"" + role + "\""
                + (site == null ? "" : ",\"site\":\"" + site + "\"") + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return ApiClient.login(port(), username, password);
    }

    /** Runs an insert with its parameters on a connection of the test's own. */
    public void insert(String sql, Object... parameters) throws Exception {
        try (Connection connection = DriverManager.getConnection(testDatabase.url());
             PreparedStatement insert = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                insert.setObject(i + 1, parameters[i]);
            }
            insert.executeUpdate();
        }
    }

    public void site(String id) throws Exception {
        insert("INSERT INTO sites (id, name, kind, updated_at) VALUES (?, ?, 'mediation', 0)", id, "Site " + id);
    }

    public void node(String id, String site) throws Exception {
        insert("INSERT INTO nodes (id, site_id, state, last_seen, last_state_at) VALUES (?, ?, 'online', 0, 0)", id,
                site);
    }

    @Override
    public void close() throws Exception {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            database.close();
            testDatabase.close();
            if (ownFolder != null) {
                try (Stream<Path> files = Files.walk(ownFolder)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
    }
}
