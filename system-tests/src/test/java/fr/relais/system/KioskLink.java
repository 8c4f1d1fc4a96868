package fr.relais.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The agent's loopback API as the kiosk uses it: the URL and token from the link file the agent
 * writes at each start (read again at each call, so a restarted agent is found again).
 */
final class KioskLink {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path linkFile;

    KioskLink(Path linkFile) {
        this.linkFile = linkFile;
    }

    boolean ready() {
        return Files.isRegularFile(linkFile);
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        Answer answer = send(path, null);
        if (answer.status() != 200) {
            throw new IOException(path + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }

    Answer post(String path, String json) throws IOException, InterruptedException {
        return send(path, json);
    }

    private Answer send(String path, String json) throws IOException, InterruptedException {
        JsonNode link = JSON.readTree(Files.readString(linkFile));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(link.path("url").asText() + path))
                .timeout(Duration.ofSeconds(5)).header("authorization", "Bearer " + link.path("token").asText());
        if (json != null) {
            request.header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body()));
    }

    record Answer(int status, JsonNode body) {
    }
}
