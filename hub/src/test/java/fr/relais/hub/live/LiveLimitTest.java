package fr.relais.hub.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.hub.ApiClient;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.auth.Auth;
import fr.relais.hub.db.Database;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The most streams a hub serves, through the real authentication and route: one more is refused
 * with a 503 that says why, and a stream whose client went away gives its place back. (Here the
 * most is 1; the hub's is {@link LiveFeed#MAX_STREAMS}.) The accounts' store only: SQLite.
 */
class LiveLimitTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestDatabase testDatabase;
    private Database database;
    private Vertx vertx;
    private HttpServer server;
    private ApiClient admin;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        testDatabase = TestDatabase.create(TestDatabase.Kind.SQLITE, dir);
        database = Database.open(testDatabase.url());
        vertx = Vertx.vertx();
        Auth auth = Auth.start(vertx, database, ApiClient.AUTH, Clock.systemUTC(),
                new PrintStream(OutputStream.nullOutputStream()));
        LiveFeed feed = new LiveFeed(Clock.systemUTC(), "0a1b2c", 100, Duration.ofMinutes(10), 10, 1)
                .startOn(vertx, auth::stillValid);
        Router router = Router.router(vertx);
        auth.mount(router);
        new LiveRoutes(feed).mount(router);
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        admin = ApiClient.admin(server.actualPort());
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        database.close();
        testDatabase.close();
    }

    private SseClient open() throws Exception {
        return SseClient.open(server.actualPort(), "/api/live", "cookie", admin.cookie().orElseThrow());
    }

    @Test
    void oneStreamMoreThanTheMostIs503AndAClosedStreamGivesItsPlaceBack() throws Exception {
        SseClient first = open();
        assertThat(first.status()).isEqualTo(200);
        first.next(frame -> frame.id() != null);
        try (SseClient refused = open()) {
            assertThat(refused.status()).isEqualTo(503);
            String body = new String(refused.response().body().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(JSON.readTree(body).path("error").asText()).contains("already serves 1 live streams");
        }
        first.close();
        // The hub hears of the closed socket in its own time: until then, a new stream is still refused.
        java.util.concurrent.atomic.AtomicReference<SseClient> again = new java.util.concurrent.atomic.AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            SseClient client = open();
            if (client.status() != 200) {
                client.close();
                return false;
            }
            again.set(client);
            return true;
        });
        again.get().next(frame -> frame.id() != null);
        again.get().close();
    }
}
