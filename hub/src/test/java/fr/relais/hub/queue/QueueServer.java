package fr.relais.hub.queue;

import fr.relais.hub.ApiClient;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.api.ApiServer;
import fr.relais.hub.auth.Auth;
import fr.relais.hub.content.ContentChanges;
import fr.relais.hub.db.Database;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The queue routes served as the hub serves its API (security headers, the real authentication
 * and audit, then the routes, the dashboard's files), on a real database: what the tests need
 * until the hub's wiring mounts them (notes-queue.md).
 */
public final class QueueServer implements AutoCloseable {
    public static final String PASSWORD = "a-long-enough-password";
    final TestDatabase testDatabase;
    final Database database;
    final Vertx vertx = Vertx.vertx();
    final HttpServer http;
    final QueueStore store;

    public QueueServer(TestDatabase.Kind kind, Path dir, Clock clock, ContentChanges changes) throws Exception {
        testDatabase = TestDatabase.create(kind, dir);
        database = Database.open(testDatabase.url());
        Auth auth = Auth.start(vertx, database, ApiClient.AUTH, Clock.systemUTC(),
                new PrintStream(OutputStream.nullOutputStream()));
        store = new QueueStore(database.coworking());
        // The real API server (security headers, auth, every place page's routes): the dashboard's
        // every script runs in the page and asks for its own routes.
        fr.relais.hub.registry.RegistryReader registry = new fr.relais.hub.registry.RegistryReader(database);
        http = fr.relais.hub.PlaceFeatures.mount(new ApiServer(vertx, registry, () -> null, null, null,
                new fr.relais.hub.alert.AlertRoutes(vertx, new fr.relais.hub.alert.AlertService(
                        new fr.relais.hub.alert.AlertStore(database), clock), registry), null, auth),
                vertx, database, store, changes, clock, "http://127.0.0.1")
                .listen("127.0.0.1", 0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    public int port() {
        return http.actualPort();
    }

    public ApiClient account(String username, String role, String site) throws Exception {
        String password = PASSWORD;
        var response = ApiClient.admin(port()).send("POST", "/api/accounts", "{\"username\":\"" + username
                + "\",\"password\":\"" + password + "\",\"role\":\"" + role + "\""
                + (site == null ? "" : ",\"site\":\"" + site + "\"") + "}");
        if (response.statusCode() != 201) {
            throw new AssertionError("account " + username + ": " + response.statusCode() + " " + response.body());
        }
        return ApiClient.login(port(), username, password);
    }

    /** A ticket as ingestion stores it (TicketIngestionTest goes through the writer itself). */
    public void ticket(String id, String site, String day, int number, String label, String topic, long takenAt)
            throws Exception {
        try (Connection connection = DriverManager.getConnection(testDatabase.url());
             PreparedStatement insert = connection.prepareStatement("INSERT INTO queue_tickets (id, site_id, node_id,"
                     + " day, number, label, topic, taken_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'waiting')")) {
            insert.setString(1, id);
            insert.setString(2, site);
            insert.setString(3, site + "-pi");
            insert.setString(4, day);
            insert.setInt(5, number);
            insert.setString(6, label);
            insert.setString(7, topic);
            insert.setLong(8, takenAt);
            insert.executeUpdate();
        }
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        database.close();
        testDatabase.close();
    }
}
