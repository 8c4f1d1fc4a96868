package fr.relais.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The hub's own account of its ingestion, {@code GET /api/ingest}: cheap enough to poll every
 * few tens of milliseconds while it works, and the source of the duplicates it dropped.
 */
final class IngestStatusClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;
    private final String token;

    /** The figures the benchmark reads. */
    record Status(boolean mqttConnected, long stored, long duplicatesDropped, long deadLetters, long queued) {
    }

    IngestStatusClient(int httpPort, String token) {
        this.uri = URI.create("http://127.0.0.1:" + httpPort + "/api/ingest");
        this.token = token;
    }

    Status get() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                        .header("authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode body = JSON.readTree(response.body());
        JsonNode since = body.path("sinceStart");
        if (!since.path("stored").isNumber()) {
            throw new IOException("GET " + uri + " has no sinceStart.stored: " + response.body());
        }
        return new Status(body.path("mqttConnected").asBoolean(), since.path("stored").asLong(),
                since.path("duplicatesDropped").asLong(), since.path("deadLetters").asLong(),
                body.path("queued").asLong());
    }
}
