package fr.relais.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.hub.auth.AuthSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The hub's REST API as a technician's script would use it: with a bearer token, or logged in
 * as {@code admin} (session cookie, and the CSRF header on writes) once the hub answers.
 */
final class HubApi {
    /** The first admin's password of the hubs the system tests start. */
    static final String ADMIN_PASSWORD = "system-tests-admin-password";
    static final AuthSettings AUTH = AuthSettings.withAdminPassword(ADMIN_PASSWORD);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final int port;
    private final String token;
    private String cookie;
    private String csrf;

    /** Logs in as admin with {@link #ADMIN_PASSWORD} at the first request. */
    HubApi(int port) {
        this(port, null);
    }

    private HubApi(int port, String token) {
        this.port = port;
        this.token = token;
    }

    static HubApi withToken(int port, String token) {
        return new HubApi(port, token);
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(authenticated(request(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** POSTs a JSON body; returns the status code and the JSON answer. */
    Answer post(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(authenticated(request(path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    /** PUTs a JSON body; returns the status code and the JSON answer. */
    Answer put(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(authenticated(request(path)).header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    /** DELETEs; returns the status code. */
    int delete(String path) throws IOException, InterruptedException {
        return http.send(authenticated(request(path)).DELETE().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** PATCHes a JSON body; returns the status code and the JSON answer. */
    Answer patch(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(authenticated(request(path)).header("content-type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5));
    }

    private HttpRequest.Builder authenticated(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (token != null) {
            return request.header("authorization", "Bearer " + token);
        }
        if (cookie == null) {
            login();
        }
        return request.header("cookie", cookie).header("X-CSRF-Token", csrf);
    }

    private void login() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request("/api/login").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("username", "admin")
                        .put("password", ADMIN_PASSWORD).toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("login as admin answered " + response.statusCode() + ": " + response.body());
        }
        cookie = response.headers().firstValue("set-cookie").orElseThrow(() ->
                new IOException("login gave no session cookie")).split(";", 2)[0];
        csrf = JSON.readTree(response.body()).path("csrfToken").asText();
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
