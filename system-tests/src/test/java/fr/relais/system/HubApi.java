package fr.relais.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** The hub's REST API as a technician's script would use it. */
final class HubApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final int port;

    HubApi(int port) {
        this.port = port;
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** POSTs a JSON body; returns the status code and the JSON answer. */
    Answer post(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    /** An HTTP status and its JSON body. */
    record Answer(int status, JsonNode body) {
    }

    /** The answer, or empty while the hub is not up yet. */
    Optional<JsonNode> poll(String path) {
        try {
            return Optional.of(get(path));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    Optional<JsonNode> node(String id) {
        return poll("/api/nodes").flatMap(nodes -> {
            for (JsonNode node : nodes) {
                if (node.path("id").asText().equals(id)) {
                    return Optional.of(node);
                }
            }
            return Optional.empty();
        });
    }

    long storedTelemetry() {
        return poll("/api/ingest").map(ingest -> ingest.path("stored").path("telemetry").asLong()).orElse(0L);
    }
}
