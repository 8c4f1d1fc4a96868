package fr.relais.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.hub.ApiClient;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.db.Database;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The first admin, the token file, and the handler that other routes (such as /metrics) mount. */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class AuthSetupTest {
    private static final Pattern PRINTED = Pattern.compile("created the account 'admin' with the password (\\S+)");

    @Parameter
    TestDatabase.Kind kind;

    private TestDatabase testDatabase;
    private Database database;
    private Vertx vertx;

    @BeforeEach
    void open(@TempDir Path dir) {
        testDatabase = TestDatabase.create(kind, dir);
        database = Database.open(testDatabase.url());
        vertx = Vertx.vertx();
    }

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        database.close();
        testDatabase.close();
    }

    @Test
    void aGeneratedAdminPasswordIsPrintedOnceAndWorks() throws Exception {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        Auth auth = Auth.start(vertx, database, AuthSettings.DEFAULTS, Clock.systemUTC(), print(first));
        Matcher printed = PRINTED.matcher(first.toString(StandardCharsets.UTF_8));
        assertThat(printed.find()).as(first.toString(StandardCharsets.UTF_8)).isTrue();
        HttpServer server = serve(auth);
        ApiClient admin = ApiClient.login(server.actualPort(), "admin", printed.group(1));
        assertThat(admin.json("/api/me").path("role").asText()).isEqualTo("admin");

        ByteArrayOutputStream second = new ByteArrayOutputStream();
        Auth.start(vertx, database, AuthSettings.withAdminPassword("another-password"), Clock.systemUTC(), print(second));
        assertThat(second.size()).as("an existing admin is left alone, and nothing printed").isZero();
        assertThat(ApiClient.login(server.actualPort(), "admin", printed.group(1)).json("/api/me").path("username")
                .asText()).isEqualTo("admin");
    }

    @Test
    void theTokenFileIsTheOwnersAloneAndOpensOtherRoutesToo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secrets/admin-token");
        Auth auth = Auth.start(vertx, database, ApiClient.AUTH.withAdminTokenFile(file), Clock.systemUTC(),
                print(new ByteArrayOutputStream()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String token = Files.readString(file).trim();
        assertThat(token).startsWith("relais_");
        HttpServer server = serve(auth);
        JsonNode listed = ApiClient.bearer(server.actualPort(), token).json("/api/tokens").path(0);
        assertThat(Duration.between(Instant.now(), Instant.parse(listed.path("expiresAt").asText())))
                .as("short-lived: " + listed).isBetween(Duration.ofDays(7).minusMinutes(1), Duration.ofDays(7));

        // Each start renews it: the file gets a new token and the one it held stops working.
        Auth.start(vertx, database, ApiClient.AUTH.withAdminTokenFile(file), Clock.systemUTC(),
                print(new ByteArrayOutputStream()));
        String renewed = Files.readString(file).trim();
        assertThat(renewed).startsWith("relais_").isNotEqualTo(token);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(ApiClient.bearer(server.actualPort(), token).get("/metrics").statusCode()).isEqualTo(401);
        assertThat(ApiClient.bearer(server.actualPort(), renewed).json("/api/tokens")).as("one token, not two")
                .hasSize(1);
        try (var leftovers = Files.list(file.getParent())) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactly("admin-token");
        }
        token = renewed;

        assertThat(ApiClient.anonymous(server.actualPort()).get("/metrics").statusCode()).isEqualTo(401);
        assertThat(ApiClient.bearer(server.actualPort(), "relais_wrong").get("/metrics").statusCode()).isEqualTo(401);
        assertThat(ApiClient.bearer(server.actualPort(), token).get("/metrics").body()).isEqualTo("relais_up 1\n");
        assertThat(ApiClient.admin(server.actualPort()).get("/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenFileThatHoldsGarbageIsReplacedAllTheSame(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("admin-token");
        Files.writeString(file, "\u0000 not a token at all\n");
        Auth.start(vertx, database, ApiClient.AUTH.withAdminTokenFile(file).withAdminTokenLifetime(Duration.ofHours(1)),
                Clock.systemUTC(), print(new ByteArrayOutputStream()));
        HttpServer server = serve(Auth.start(vertx, database, ApiClient.AUTH, Clock.systemUTC(),
                print(new ByteArrayOutputStream())));
        JsonNode listed = ApiClient.bearer(server.actualPort(), Files.readString(file).trim()).json("/api/tokens");
        assertThat(listed).hasSize(1);
        assertThat(Duration.between(Instant.now(), Instant.parse(listed.path(0).path("expiresAt").asText())))
                .isBetween(Duration.ofMinutes(59), Duration.ofHours(1));
    }

    /** A router as ApiServer builds it, plus a route outside /api protected by the reusable handler. */
    private HttpServer serve(Auth auth) throws Exception {
        Router router = Router.router(vertx);
        auth.mount(router);
        router.get("/metrics").handler(auth.handler()).handler(ctx -> ctx.end("relais_up 1\n"));
        return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
