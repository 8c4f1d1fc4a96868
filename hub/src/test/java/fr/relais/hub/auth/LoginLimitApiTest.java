package fr.relais.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.hub.ApiClient;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.alert.MutableClock;
import fr.relais.hub.db.Database;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password guessing against the real HTTP routes and database, on a clock that stands still so
 * that no answer depends on how fast this machine is: guesses sent all at once, an attacker
 * trying to lock the admin out, and the trusted-proxy setting that tells clients apart.
 */
class LoginLimitApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ATTACKER = "203.0.113.7";
    private static final String ADMIN_DESK = "198.51.100.20";
    private static final int GUESSES = 30;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private TestDatabase testDatabase;
    private Database database;
    private Vertx vertx;
    private int port;

    @BeforeEach
    void open(@TempDir Path dir) {
        testDatabase = TestDatabase.create(TestDatabase.Kind.SQLITE, dir);
        database = Database.open(testDatabase.url());
        vertx = Vertx.vertx();
    }

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        database.close();
        testDatabase.close();
    }

    private void serve(TrustedProxies proxies) throws Exception {
        Auth auth = Auth.start(vertx, database, ApiClient.AUTH.withTrustedProxies(proxies), clock,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Router router = Router.router(vertx);
        auth.mount(router);
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        port = server.actualPort();
    }

    private CompletableFuture<HttpResponse<String>> login(String password, String forwardedFor) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/login"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("username", "admin")
                        .put("password", password).toString()));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int loginNow(String password, String forwardedFor) {
        return login(password, forwardedFor).join().statusCode();
    }

    /** Sends {@code GUESSES} wrong passwords at once; the answers by status. */
    private Map<Integer, List<HttpResponse<String>>> guessAtOnce(String forwardedFor) {
        List<CompletableFuture<HttpResponse<String>>> sent = IntStream.range(0, GUESSES)
                .mapToObj(i -> login("guess-number-" + i, forwardedFor)).toList();
        return sent.stream().map(CompletableFuture::join).collect(Collectors.groupingBy(HttpResponse::statusCode));
    }

    @Test
    void thirtyGuessesSentAtOnceAreNotAllEvaluated() throws Exception {
        serve(TrustedProxies.NONE);
        Map<Integer, List<HttpResponse<String>>> answers = guessAtOnce(null);
        int evaluated = answers.getOrDefault(401, List.of()).size();
        int refused = answers.getOrDefault(429, List.of()).size();
        System.out.println("parallel guess: " + GUESSES + " wrong passwords at once -> " + evaluated
                + " evaluated (401), " + refused + " refused before hashing (429)");
        assertThat(answers.keySet()).containsOnly(401, 429);
        assertThat(evaluated).isEqualTo(LoginLimiter.FREE_PER_ACCOUNT);
        assertThat(refused).isEqualTo(GUESSES - LoginLimiter.FREE_PER_ACCOUNT);
        for (HttpResponse<String> tooMany : answers.get(429)) {
            assertThat(tooMany.headers().firstValue("retry-after")).hasValue("1");
            assertThat(JSON.readTree(tooMany.body()).path("error").asText()).contains("too many failed logins");
        }

        // The guessing client is slowed, not shut out: once the wait is over, the right password works.
        assertThat(loginNow(ApiClient.ADMIN_PASSWORD, null)).isEqualTo(429);
        clock.advance(Duration.ofSeconds(1));
        assertThat(loginNow(ApiClient.ADMIN_PASSWORD, null)).isEqualTo(200);
        assertThat(guessAtOnce(null).getOrDefault(401, List.of())).as("and its record starts clean again")
                .hasSize(LoginLimiter.FREE_PER_ACCOUNT);
    }

    @Test
    void anAttackerCannotLockTheAdminOutBehindTheTrustedProxy() throws Exception {
        serve(TrustedProxies.of(List.of("127.0.0.1")));
        for (int round = 0; round < 5; round++) {
            clock.advance(Duration.ofSeconds(20)); // longer than any wait so far: every round gets some through
            guessAtOnce("10.0.0.1, " + ATTACKER); // what it writes itself, then what the proxy saw
        }
        assertThat(loginNow(ApiClient.ADMIN_PASSWORD, ATTACKER)).as("the attacker waits, even with the password")
                .isEqualTo(429);
        assertThat(loginNow(ApiClient.ADMIN_PASSWORD, ADMIN_DESK)).as("the admin logs in from their desk")
                .isEqualTo(200);
        assertThat(loginNow(ApiClient.ADMIN_PASSWORD, "10.0.0.1")).as("nor is anyone else held up").isEqualTo(200);

        // The audit names the client, not the proxy.
        ApiClient admin = ApiClient.login(port, "admin", ApiClient.ADMIN_PASSWORD);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(countBy(
                admin.json("/api/audit?limit=1000"), row -> row.path("remoteAddress").asText()))
                .containsEntry(ATTACKER, 5L * GUESSES + 1).containsEntry(ADMIN_DESK, 1L)
                .containsEntry("10.0.0.1", 1L).containsEntry("127.0.0.1", 1L).hasSize(4));
    }

    @Test
    void fromAPeerThatIsNotTrustedTheHeaderChangesNothing() throws Exception {
        serve(TrustedProxies.of(List.of("10.0.0.0/8")));
        Map<Integer, List<HttpResponse<String>>> answers = guessAtOnce(ATTACKER);
        assertThat(answers.get(401)).hasSize(LoginLimiter.FREE_PER_ACCOUNT);
        // The header is anyone's to write: claiming to be another client does not escape the wait.
        assertThat(loginNow(ApiClient.ADMIN_PASSWORD, ADMIN_DESK)).isEqualTo(429);
        clock.advance(Duration.ofSeconds(1));
        assertThat(loginNow(ApiClient.ADMIN_PASSWORD, ADMIN_DESK)).isEqualTo(200);
        ApiClient admin = ApiClient.login(port, "admin", ApiClient.ADMIN_PASSWORD);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(countBy(
                admin.json("/api/audit?limit=1000"), row -> row.path("remoteAddress").asText()))
                .containsOnly(Map.entry("127.0.0.1", GUESSES + 3L)));
    }

    private static Map<String, Long> countBy(JsonNode rows, Function<JsonNode, String> key) {
        return java.util.stream.StreamSupport.stream(rows.spliterator(), false)
                .collect(Collectors.groupingBy(key, Collectors.counting()));
    }
}
