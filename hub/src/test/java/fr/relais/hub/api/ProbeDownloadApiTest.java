package fr.relais.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.hub.ApiClient;
import fr.relais.hub.alert.AlertRoutes;
import fr.relais.hub.auth.Auth;
import fr.relais.hub.db.Database;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/probe/download} on the hub's real router, authentication included: served to
 * anyone, the bytes asked for and no more, incompressible, and bounded per client.
 */
class ProbeDownloadApiTest {
    private static Vertx vertx;
    private static Database database;
    private static HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start(@TempDir Path folder) throws Exception {
        vertx = Vertx.vertx();
        database = Database.open(Database.sqliteUrl(folder.resolve("hub.db")));
        Auth auth = Auth.start(vertx, database, ApiClient.AUTH, Clock.systemUTC(),
                new PrintStream(OutputStream.nullOutputStream()));
        ApiServer api = new ApiServer(vertx, null, () -> null, null, null, new AlertRoutes(vertx, null, null), null, auth);
        server = api.listen("127.0.0.1", 0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        database.close();
    }

    private HttpRequest request(String query) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/api/probe/download"
                + query)).build();
    }

    private HttpResponse<byte[]> get(String query) throws Exception {
        return http.send(request(query), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void anyoneGetsTheBytesAskedForWithTheirLength() throws Exception {
        HttpResponse<byte[]> answer = get("?bytes=1000000");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("content-length")).hasValue("1000000");
        assertThat(answer.headers().firstValue("content-type")).hasValue("application/octet-stream");
        assertThat(answer.headers().firstValue("cache-control")).hasValue("no-store");
        assertThat(answer.body()).hasSize(1_000_000);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(answer.body());
        deflater.finish();
        byte[] compressed = new byte[1_100_000];
        int size = deflater.deflate(compressed);
        deflater.end();
        assertThat(size).as("random bytes do not compress").isGreaterThan(990_000);
    }

    @Test
    void withoutBytesItSendsFiveMegabytes() throws Exception {
        HttpResponse<InputStream> answer = http.send(request(""), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = answer.body()) {
            assertThat(answer.headers().firstValue("content-length")).hasValue("5000000");
            assertThat(body.transferTo(OutputStream.nullOutputStream())).isEqualTo(5_000_000);
        }
    }

    /** A size the route does not serve is a 400 naming what is wrong, and nothing is sent. */
    @Test
    void refusesWhatItDoesNotServe() throws Exception {
        assertBadRequest("?bytes=lots", "bytes must be a whole number, got 'lots'");
        assertBadRequest("?bytes=0", "bytes must be between 1 and 50000000, got 0");
        assertBadRequest("?bytes=50000001", "bytes must be between 1 and 50000000, got 50000001");
        assertBadRequest("?bytes=99999999999999999999", "bytes must be a whole number");
        assertBadRequest("?bytes=10&bytes=20", "parameter 'bytes' is given more than once");
        assertBadRequest("?size=10", "unknown parameter 'size': this route takes bytes");
    }

    private void assertBadRequest(String query, String message) throws Exception {
        HttpResponse<byte[]> answer = get(query);
        assertThat(answer.statusCode()).as(query).isEqualTo(400);
        assertThat(new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8)).as(query).contains(message);
    }

    /**
     * A third download at once from the same address is refused with Retry-After; once the two
     * running ones are abandoned by their client, the address may download again.
     */
    @Test
    void aClientMayRunTwoDownloadsAtOnce() throws Exception {
        List<InputStream> running = new ArrayList<>();
        for (int i = 0; i < DownloadAllowance.AT_ONCE_PER_CLIENT; i++) {
            HttpResponse<InputStream> answer = HttpClient.newHttpClient().send(request("?bytes=50000000"),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(answer.statusCode()).isEqualTo(200);
            running.add(answer.body());
        }

        HttpResponse<byte[]> third = get("?bytes=1000");

        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("retry-after")).hasValue("30");
        assertThat(new String(third.body(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("this address already runs 2 throughput tests; try again in 30 s");

        for (InputStream body : running) {
            body.close();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> get("?bytes=1000").statusCode() == 200);
    }
}
