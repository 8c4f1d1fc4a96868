package fr.relais.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.hub.ApiClient;
import fr.relais.hub.Hub;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.config.HubConfig;
import fr.relais.hub.ingest.MqttSettings;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Logging in, sessions, CSRF, bearer tokens and login rate limits, through the hub's real HTTP API. */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class AuthApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameter
    TestDatabase.Kind kind;

    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    private TestDatabase database;
    private String brokerUrl;
    private Hub hub;

    @BeforeEach
    void start(MosquittoProcess broker, @TempDir Path dir) throws Exception {
        database = TestDatabase.create(kind, dir);
        brokerUrl = broker.url();
        hub = start(ApiClient.AUTH);
    }

    private Hub start(AuthSettings auth) throws Exception {
        return Hub.start(new HubConfig("127.0.0.1", 0, database.url(),
                new MqttSettings(brokerUrl, "hub-under-test", Optional.empty(), Optional.empty()), auth));
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
        database.close();
    }

    private ApiClient anonymous() {
        return ApiClient.anonymous(hub.httpPort());
    }

    @Test
    void everyApiRouteButThePublicOnesAsksForCredentials() throws Exception {
        assertThat(anonymous().get("/api/health").statusCode()).isEqualTo(200);
        assertThat(anonymous().get("/api/openapi.yaml").statusCode()).as("public, even before it exists").isNotEqualTo(401);
        assertThat(anonymous().get("/").statusCode()).as("the dashboard's page, which shows the login form").isEqualTo(200);
        for (String path : List.of("/api/sites", "/api/nodes", "/api/devices", "/api/ingest", "/api/dead-letters",
                "/api/me", "/api/tokens", "/api/accounts", "/api/audit", "/api/commands/x", "/api/not-yet-written")) {
            HttpResponse<String> response = anonymous().get(path);
            assertError(response, 401, "authentication required");
            assertThat(response.headers().firstValue("www-authenticate")).hasValue("Bearer realm=\"relais\"");
        }
        assertError(anonymous().send("POST", "/api/nodes/x/commands", "{\"name\":\"ping\"}"), 401, "log in first");
        assertError(anonymous().send("POST", "/api/logout", null), 401, "log in first");
        assertError(ApiClient.bearer(hub.httpPort(), "relais_made-up").get("/api/nodes"), 401, "token is unknown");
    }

    @Test
    void loginOpensASessionInAnHttpOnlyStrictCookie() throws Exception {
        HttpResponse<String> login = anonymous().send("POST", "/api/login",
                "{\"username\":\"admin\",\"password\":\"" + ApiClient.ADMIN_PASSWORD + "\"}");
        assertThat(login.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(login.body());
        assertThat(body.path("username").asText()).isEqualTo("admin");
        assertThat(body.path("role").asText()).isEqualTo("admin");
        assertThat(body.path("csrfToken").asText()).hasSizeGreaterThan(40);
        assertThat(body.toString()).doesNotContain(ApiClient.ADMIN_PASSWORD);
        String cookie = login.headers().firstValue("set-cookie").orElseThrow();
        // Attribute names are case-insensitive (Netty writes HTTPOnly).
        assertThat(cookie).startsWith("relais_session=").containsIgnoringCase("; HttpOnly")
                .containsIgnoringCase("; SameSite=Strict").contains("; Path=/").contains("Max-Age=43200")
                .doesNotContainIgnoringCase("secure");
        assertThat(cookie.split(";")[0].length()).as("256 random bits").isGreaterThanOrEqualTo(15 + 43);

        ApiClient admin = ApiClient.admin(hub.httpPort());
        JsonNode me = admin.json("/api/me");
        assertThat(me.path("username").asText()).isEqualTo("admin");
        assertThat(me.path("via").asText()).isEqualTo("session");
        assertThat(me.path("csrfToken").asText()).as("a reloaded page gets it again").hasSizeGreaterThan(40);
        assertThat(admin.json("/api/nodes").isArray()).isTrue();

        HttpResponse<String> logout = admin.send("POST", "/api/logout", null);
        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(logout.headers().firstValue("set-cookie")).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        assertError(admin.get("/api/me"), 401, "the session has ended");

        ApiClient before = ApiClient.admin(hub.httpPort());
        assertThat(before.send("POST", "/api/login", "{\"username\":\"admin\",\"password\":\""
                + ApiClient.ADMIN_PASSWORD + "\"}").statusCode()).isEqualTo(200);
        assertError(before.get("/api/me"), 401, "the session has ended");
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() throws Exception {
        HttpResponse<String> wrong = login("admin", "not-the-password");
        HttpResponse<String> unknown = login("nobody", "not-the-password");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(unknown.body()).contains("wrong username or password");
        assertThat(wrong.headers().firstValue("set-cookie")).isEmpty();
    }

    @Test
    void secureCookiesWhenAskedFor() throws Exception {
        hub.close();
        hub = start(ApiClient.AUTH.withSecureCookies(true));
        assertThat(login("admin", ApiClient.ADMIN_PASSWORD).headers().firstValue("set-cookie"))
                .hasValueSatisfying(cookie -> assertThat(cookie).containsIgnoringCase("; Secure"));
    }

    @Test
    void aSessionsWritesNeedTheCsrfHeader() throws Exception {
        ApiClient admin = ApiClient.admin(hub.httpPort());
        assertError(admin.withoutCsrf().send("POST", "/api/tokens", "{\"name\":\"forged\"}"), 403, "X-CSRF-Token");
        assertError(admin.withoutCsrf().send("DELETE", "/api/accounts/admin", null), 403, "X-CSRF-Token");
        assertError(admin.withoutCsrf().send("POST", "/api/logout", null), 403, "X-CSRF-Token");
        assertThat(admin.withoutCsrf().get("/api/tokens").statusCode()).as("reads need none").isEqualTo(200);
        assertThat(admin.json("/api/tokens")).as("nothing was created").isEmpty();
        assertThat(admin.send("POST", "/api/tokens", "{\"name\":\"with the header\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void aBearerTokenWorksWithoutCsrfUntilRevokedOrExpired() throws Exception {
        ApiClient admin = ApiClient.admin(hub.httpPort());
        HttpResponse<String> created = admin.send("POST", "/api/tokens", "{\"name\":\"nightly script\",\"expiresInDays\":30}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode token = JSON.readTree(created.body());
        String secret = token.path("token").asText();
        assertThat(secret).startsWith("relais_");
        assertThat(token.path("name").asText()).isEqualTo("nightly script");
        assertThat(token.path("expiresAt").isTextual()).isTrue();

        ApiClient script = ApiClient.bearer(hub.httpPort(), secret);
        assertThat(script.json("/api/me").path("via").asText()).isEqualTo("token");
        assertThat(script.json("/api/nodes").isArray()).isTrue();
        HttpResponse<String> second = script.send("POST", "/api/tokens", "{\"name\":\"made by a script\"}");
        assertThat(second.statusCode()).as("no CSRF header for a bearer token").isEqualTo(201);
        JsonNode listed = admin.json("/api/tokens");
        assertThat(listed.findValuesAsText("name")).containsExactlyInAnyOrder("nightly script", "made by a script");
        assertThat(listed.toString()).doesNotContain(secret).doesNotContain("token\"");
        assertThat(admin.json("/api/tokens").path(0).path("lastUsedAt").isTextual()
                || admin.json("/api/tokens").path(1).path("lastUsedAt").isTextual()).isTrue();

        String expiring = JSON.readTree(second.body()).path("token").asText();
        sql("UPDATE api_tokens SET expires_at = 1 WHERE name = 'made by a script'");
        assertError(ApiClient.bearer(hub.httpPort(), expiring).get("/api/nodes"), 401, "revoked or expired");

        assertThat(admin.send("DELETE", "/api/tokens/" + token.path("id").asText(), null).statusCode()).isEqualTo(204);
        assertError(script.get("/api/nodes"), 401, "revoked or expired");
        assertError(admin.send("DELETE", "/api/tokens/" + token.path("id").asText(), null), 404, "no token");
    }

    @Test
    void sessionsOutliveARestartButNotTheirIdleTime() throws Exception {
        ApiClient admin = ApiClient.admin(hub.httpPort());
        hub.close();
        hub = start(ApiClient.AUTH);
        ApiClient same = reconnect(admin);
        assertThat(same.json("/api/me").path("username").asText()).isEqualTo("admin");
        sql("UPDATE sessions SET last_seen_at = 1");
        assertError(same.get("/api/me"), 401, "the session has ended");
    }

    @Test
    void oneChangesOnesOwnPasswordGivenTheCurrentOne() throws Exception {
        ApiClient admin = ApiClient.admin(hub.httpPort());
        String script = admin.createToken("script");
        assertError(admin.send("POST", "/api/me/password", "{\"currentPassword\":\"not-it-at-all\","
                + "\"newPassword\":\"a-brand-new-password\"}"), 403, "the current password is wrong");
        assertError(admin.send("POST", "/api/me/password", "{\"currentPassword\":\"" + ApiClient.ADMIN_PASSWORD
                + "\",\"newPassword\":\"short\"}"), 400, "at least 10 characters");
        assertError(admin.send("POST", "/api/me/password", "{\"newPassword\":\"a-brand-new-password\"}"), 400,
                "currentPassword is required");
        assertThat(admin.send("POST", "/api/me/password", "{\"currentPassword\":\"" + ApiClient.ADMIN_PASSWORD
                + "\",\"newPassword\":\"a-brand-new-password\"}").statusCode()).isEqualTo(204);
        assertError(admin.get("/api/me"), 401, "the session has ended");
        assertError(ApiClient.bearer(hub.httpPort(), script).get("/api/me"), 401, "revoked or expired");
        assertThat(login("admin", ApiClient.ADMIN_PASSWORD).statusCode()).isEqualTo(401);
        assertThat(ApiClient.login(hub.httpPort(), "admin", "a-brand-new-password").json("/api/me")
                .path("username").asText()).isEqualTo("admin");
    }

    @Test
    void settingsNeverShowTheAdminPassword() {
        assertThat(ApiClient.AUTH.toString()).doesNotContain(ApiClient.ADMIN_PASSWORD).contains("****");
    }

    @Test
    void aTokenAskedForWithoutAnExpiryEndsAfterNinetyDaysAndSaysWhenItWasLastUsed() throws Exception {
        ApiClient admin = ApiClient.admin(hub.httpPort());
        long before = System.currentTimeMillis();
        HttpResponse<String> created = admin.send("POST", "/api/tokens", "{\"name\":\"prometheus\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode token = JSON.readTree(created.body());
        long expiresAt = Instant.parse(token.path("expiresAt").asText()).toEpochMilli();
        assertThat(expiresAt - before).isBetween(Duration.ofDays(90).toMillis() - 60_000, Duration.ofDays(90).toMillis()
                + 60_000);
        assertThat(token.path("lastUsedAt").isNull()).as("never used yet").isTrue();

        ApiClient.bearer(hub.httpPort(), token.path("token").asText()).json("/api/nodes");
        JsonNode listed = admin.json("/api/tokens").path(0);
        assertThat(listed.path("name").asText()).isEqualTo("prometheus");
        long lastUsed = Instant.parse(listed.path("lastUsedAt").asText()).toEpochMilli();
        assertThat(lastUsed).isBetween(before, System.currentTimeMillis());
    }

    @Test
    void tokensFromBeforeExpiriesWereTheDefaultGetOneAtTheNextStart() throws Exception {
        ApiClient admin = ApiClient.admin(hub.httpPort());
        String secret = admin.createToken("old script");
        sql("UPDATE api_tokens SET expires_at = NULL");
        hub.close();
        long before = System.currentTimeMillis();
        hub = start(ApiClient.AUTH);
        JsonNode listed = ApiClient.bearer(hub.httpPort(), secret).json("/api/tokens").path(0);
        assertThat(Instant.parse(listed.path("expiresAt").asText()).toEpochMilli() - before)
                .as("90 days from this start, not from its creation: the script keeps working meanwhile")
                .isBetween(Duration.ofDays(90).toMillis() - 60_000, Duration.ofDays(90).toMillis() + 60_000);
    }

    @Test
    void garbageBodiesAreRefusedWithJsonErrors() throws Exception {
        assertError(anonymous().send("POST", "/api/login", "{\"username\":"), 400, "not valid JSON");
        assertError(anonymous().send("POST", "/api/login", ""), 400, "must be a JSON object");
        assertError(anonymous().send("POST", "/api/login", "[1]"), 400, "got array");
        assertError(anonymous().send("POST", "/api/login", "{\"username\":\"admin\"}"), 400, "password is required");
        assertError(anonymous().send("POST", "/api/login", "{\"username\":1,\"password\":\"x\"}"), 400, "must be a text");
        assertError(anonymous().send("POST", "/api/login", "{\"user\":\"admin\",\"password\":\"x\"}"), 400,
                "unknown field 'user'");
        HttpResponse<String> quoted = anonymous().send("POST", "/api/login",
                "{\"username\":\"admin\",\"password\":\"secret-in-a-broken-body");
        assertError(quoted, 400, "not valid JSON");
        assertThat(quoted.body()).as("the parser's message would quote the password").doesNotContain("secret-in");
        assertError(anonymous().send("POST", "/api/login", "{\"username\":\"" + "x".repeat(70_000) + "\"}"), 413,
                "too large");
        ApiClient admin = ApiClient.admin(hub.httpPort());
        assertError(admin.send("POST", "/api/tokens", "{}"), 400, "name is required");
        assertError(admin.send("POST", "/api/tokens", "{\"name\":\"x\",\"expiresInDays\":0}"), 400, "between 1 and 3650");
        assertError(admin.send("POST", "/api/tokens", "{\"name\":\"x\",\"expiresInDays\":\"7\"}"), 400, "whole number");
        assertError(admin.send("POST", "/api/tokens", "{\"name\":\"<script>\"}"), 400, "name must be");
        assertThat(admin.json("/api/me").path("username").asText()).as("the hub goes on").isEqualTo("admin");
    }

    private HttpResponse<String> login(String username, String password) throws Exception {
        return anonymous().send("POST", "/api/login", JSON.createObjectNode().put("username", username)
                .put("password", password).toString());
    }

    /** The same session cookie and CSRF token, against the restarted hub's new port. */
    private ApiClient reconnect(ApiClient client) {
        return client.onPort(hub.httpPort());
    }

    private void sql(String statement) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.url());
             Statement sql = connection.createStatement()) {
            sql.executeUpdate(statement);
        }
    }

    static void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("status").asInt()).isEqualTo(status);
        assertThat(error.path("error").asText()).contains(message);
    }
}
