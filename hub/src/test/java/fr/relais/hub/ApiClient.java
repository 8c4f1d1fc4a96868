package fr.relais.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.hub.auth.AuthSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * The hub's API as the tests call it: anonymously, with a browser's session (cookie, and the
 * CSRF header on writes) or with a bearer token, as a script would.
 */
public final class ApiClient {
    /** The first admin's password in tests. */
    public static final String ADMIN_PASSWORD = "correct-horse-battery-staple";
    public static final AuthSettings AUTH = AuthSettings.withAdminPassword(ADMIN_PASSWORD);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final String cookie;
    private final String csrf;
    private final String bearer;

    private ApiClient(int port, String cookie, String csrf, String bearer) {
        this.port = port;
        this.cookie = cookie;
        this.csrf = csrf;
        this.bearer = bearer;
    }

    public static ApiClient anonymous(int port) {
        return new ApiClient(port, null, null, null);
    }

    public static ApiClient bearer(int port, String token) {
        return new ApiClient(port, null, null, token);
    }

    /** Logs in; fails the test if the hub refuses. */
    public static ApiClient login(int port, String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> response = anonymous(port).send("POST", "/api/login",
                JSON.createObjectNode().put("username", username).put("password", password).toString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login of " + username + " refused: " + response.statusCode() + " "
                    + response.body());
        }
        String cookie = response.headers().firstValue("set-cookie").orElseThrow().split(";", 2)[0];
        return new ApiClient(port, cookie, JSON.readTree(response.body()).path("csrfToken").asText(), null);
    }

    public static ApiClient admin(int port) throws IOException, InterruptedException {
        return login(port, "admin", ADMIN_PASSWORD);
    }

    /** The same session without its CSRF header: what a forged cross-site form would send. */
    public ApiClient withoutCsrf() {
        return new ApiClient(port, cookie, null, bearer);
    }

    /** The same credentials against another port: a restarted hub. */
    public ApiClient onPort(int otherPort) {
        return new ApiClient(otherPort, cookie, csrf, bearer);
    }

    public Optional<String> cookie() {
        return Optional.ofNullable(cookie);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    public HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        return send(method, path, body, body == null ? null : "application/json");
    }

    /** With this content type, or none when null: to see what the hub makes of a wrong one. */
    public HttpResponse<String> send(String method, String path, String body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("content-type", contentType);
        }
        if (cookie != null) {
            request.header("cookie", cookie);
        }
        if (csrf != null && !method.equals("GET")) {
            request.header("X-CSRF-Token", csrf);
        }
        if (bearer != null) {
            request.header("authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A 200 answer's JSON; fails the test on any other status. */
    public JsonNode json(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** A bearer token of this caller, created through the API. */
    public String createToken(String name) throws IOException, InterruptedException {
        HttpResponse<String> response = send("POST", "/api/tokens", "{\"name\":\"" + name + "\"}");
        if (response.statusCode() != 201) {
            throw new AssertionError("token refused: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("token").asText();
    }
}
