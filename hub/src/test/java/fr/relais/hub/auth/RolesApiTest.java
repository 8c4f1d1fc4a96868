package fr.relais.hub.auth;

import static fr.relais.hub.auth.AuthApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.hub.ApiClient;
import fr.relais.hub.FakeNode;
import fr.relais.hub.Hub;
import fr.relais.hub.Messages;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.config.HubConfig;
import fr.relais.hub.ingest.MqttSettings;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
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

/** What each role may do, accounts management and the audit, with nodes on two sites. */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class RolesApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String OTHER_SITE = "montcornet";
    private static final String OTHER_NODE = "montcornet-pi";
    private static final String PASSWORD = "a-long-enough-password";

    @Parameter
    TestDatabase.Kind kind;

    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    private TestDatabase database;
    private Hub hub;
    private ApiClient admin;
    private FakeNode dizy;
    private FakeNode montcornet;

    @BeforeEach
    void start(MosquittoProcess broker, @TempDir Path dir) throws Exception {
        database = TestDatabase.create(kind, dir);
        hub = Hub.start(new HubConfig("127.0.0.1", 0, database.url(),
                new MqttSettings(broker.url(), "hub-under-test", Optional.empty(), Optional.empty()), ApiClient.AUTH));
        admin = ApiClient.admin(hub.httpPort());
        await().atMost(PATIENCE).until(() -> admin.json("/api/ingest").path("mqttConnected").asBoolean());
        dizy = new FakeNode(broker.url(), Messages.SITE, Messages.NODE);
        montcornet = new FakeNode(broker.url(), OTHER_SITE, OTHER_NODE);
        dizy.announce();
        montcornet.announce();
        await().atMost(PATIENCE).until(() -> admin.json("/api/devices").size() == 2);
    }

    @AfterEach
    void stop() throws Exception {
        dizy.close();
        montcornet.close();
        hub.close();
        database.close();
    }

    @Test
    void aViewerReadsTheirOwnSiteOnlyAndChangesNothing() throws Exception {
        String dizyCommand = command(admin, Messages.NODE);
        String montcornetCommand = command(admin, OTHER_NODE);
        create("{\"username\":\"maire-montcornet\",\"password\":\"" + PASSWORD + "\",\"role\":\"viewer\","
                + "\"site\":\"" + OTHER_SITE + "\"}");
        ApiClient viewer = ApiClient.login(hub.httpPort(), "maire-montcornet", PASSWORD);

        assertThat(viewer.json("/api/sites").findValuesAsText("id")).containsExactly(OTHER_SITE);
        assertThat(viewer.json("/api/nodes").findValuesAsText("id")).containsExactly(OTHER_NODE);
        assertThat(viewer.json("/api/devices").findValuesAsText("site")).containsExactly(OTHER_SITE);
        assertThat(viewer.json("/api/nodes/" + OTHER_NODE + "/commands").findValuesAsText("id"))
                .containsExactly(montcornetCommand);
        assertThat(viewer.json("/api/commands/" + montcornetCommand).path("id").asText()).isEqualTo(montcornetCommand);
        assertError(viewer.get("/api/nodes/" + Messages.NODE + "/commands"), 404, "no node");
        assertError(viewer.get("/api/commands/" + dizyCommand), 404, "no command");
        for (String path : List.of("/api/ingest", "/api/dead-letters", "/api/accounts", "/api/audit", "/api/future")) {
            assertError(viewer.get(path), 403, "the viewer role may not GET " + path);
        }
        assertError(viewer.send("POST", "/api/nodes/" + OTHER_NODE + "/commands", "{\"name\":\"ping\"}"), 403,
                "the viewer role may not POST");
        assertThat(admin.json("/api/nodes/" + OTHER_NODE + "/commands")).as("nothing was sent").hasSize(1);
        JsonNode me = viewer.json("/api/me");
        assertThat(me.path("role").asText()).isEqualTo("viewer");
        assertThat(me.path("site").asText()).isEqualTo(OTHER_SITE);
        assertThat(viewer.send("POST", "/api/logout", null).statusCode()).as("logging out is not a change").isEqualTo(204);
    }

    @Test
    void aTechnicianSendsCommandsButManagesNoAccount() throws Exception {
        create("{\"username\":\"lea\",\"password\":\"" + PASSWORD + "\",\"role\":\"technician\"}");
        ApiClient technician = ApiClient.login(hub.httpPort(), "lea", PASSWORD);
        assertThat(technician.json("/api/nodes").size()).isEqualTo(2);
        assertThat(technician.json("/api/ingest").path("mqttConnected").asBoolean()).isTrue();
        command(technician, Messages.NODE);
        assertThat(dizy.nextCommand().name()).isEqualTo("ping");
        assertError(technician.get("/api/accounts"), 403, "the technician role may not GET /api/accounts");
        assertError(technician.send("POST", "/api/accounts", "{\"username\":\"x\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"admin\"}"), 403, "may not POST /api/accounts");
        assertError(technician.send("PATCH", "/api/accounts/lea", "{\"role\":\"admin\"}"), 403, "may not PATCH");
        assertError(technician.get("/api/audit"), 403, "may not GET /api/audit");
        assertThat(technician.json("/api/me").path("role").asText()).as("still a technician").isEqualTo("technician");
    }

    @Test
    void adminsManageAccountsAndADisabledOneLosesItsSessionsAndTokens() throws Exception {
        HttpResponse<String> created = create("{\"username\":\"paul\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"technician\"}");
        assertThat(JSON.readTree(created.body()).path("role").asText()).isEqualTo("technician");
        assertThat(created.body()).doesNotContain(PASSWORD).doesNotContain("hash");
        assertError(create("{\"username\":\"paul\",\"password\":\"" + PASSWORD + "\",\"role\":\"viewer\","
                + "\"site\":\"rozoy\"}"), 409, "exists already");
        ApiClient paul = ApiClient.login(hub.httpPort(), "paul", PASSWORD);
        ApiClient script = ApiClient.bearer(hub.httpPort(), paul.createToken("paul's script"));
        assertThat(admin.json("/api/accounts").findValuesAsText("username")).containsExactly("admin", "paul");

        HttpResponse<String> disabled = admin.send("PATCH", "/api/accounts/paul", "{\"disabled\":true}");
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(disabled.body()).path("disabled").asBoolean()).isTrue();
        assertError(paul.get("/api/me"), 401, "the session has ended");
        assertError(script.get("/api/nodes"), 401, "revoked or expired");
        assertError(ApiClient.anonymous(hub.httpPort()).send("POST", "/api/login",
                "{\"username\":\"paul\",\"password\":\"" + PASSWORD + "\"}"), 401, "wrong username or password");

        admin.send("PATCH", "/api/accounts/paul", "{\"disabled\":false,\"password\":\"another-long-password\"}");
        assertThat(ApiClient.login(hub.httpPort(), "paul", "another-long-password").json("/api/me")
                .path("username").asText()).isEqualTo("paul");
        assertThat(admin.send("PATCH", "/api/accounts/paul", "{\"role\":\"viewer\",\"site\":\"rozoy\"}").body())
                .contains("\"site\":\"rozoy\"");
        assertThat(admin.send("DELETE", "/api/accounts/paul", null).statusCode()).isEqualTo(204);
        assertError(admin.send("DELETE", "/api/accounts/paul", null), 404, "no account 'paul'");
        assertError(admin.send("DELETE", "/api/accounts/admin", null), 409, "last enabled admin");
        assertError(admin.send("PATCH", "/api/accounts/admin", "{\"role\":\"technician\"}"), 409, "last enabled admin");
    }

    @Test
    void badAccountBodiesAreRefusedWithJsonErrors() throws Exception {
        assertError(create("{\"username\":\"Bob Smith\",\"password\":\"" + PASSWORD + "\",\"role\":\"technician\"}"),
                400, "username must be");
        assertError(create("{\"username\":\"bob\",\"password\":\"short\",\"role\":\"technician\"}"), 400,
                "at least 10 characters");
        assertError(create("{\"username\":\"bob\",\"password\":\"" + "é".repeat(40) + "\",\"role\":\"technician\"}"),
                400, "at most 72 bytes");
        assertError(create("{\"username\":\"bob\",\"password\":\"" + PASSWORD + "\",\"role\":\"root\"}"), 400,
                "role must be admin, technician, viewer or manager");
        assertError(create("{\"username\":\"bob\",\"password\":\"" + PASSWORD + "\",\"role\":\"viewer\"}"), 400,
                "a viewer needs a site");
        assertError(create("{\"username\":\"bob\",\"password\":\"" + PASSWORD + "\",\"role\":\"viewer\","
                + "\"site\":\"Rozoy\"}"), 400, "site: 'Rozoy' must be lower-case");
        assertError(create("{\"username\":\"bob\",\"password\":\"" + PASSWORD + "\",\"role\":\"technician\","
                + "\"site\":\"rozoy\"}"), 400, "only a viewer or a manager has a site");
        assertError(create("{\"username\":\"bob\",\"password\":\"" + PASSWORD + "\",\"role\":\"admin\",\"admin\":true}"),
                400, "unknown field 'admin'");
        assertError(create("not json"), 400, "not valid JSON");
        assertError(admin.send("PATCH", "/api/accounts/nobody", "{\"disabled\":true}"), 404, "no account 'nobody'");
        assertError(admin.send("PATCH", "/api/accounts/admin", "{\"disabled\":\"yes\"}"), 400, "true or false");
        assertError(admin.get("/api/audit?limit=many"), 400, "limit must be a whole number");
        assertError(admin.send("PATCH", "/api/accounts/admin", "{\"site\":\"rozoy\"}"), 400, "only a viewer or a manager has a site");
        assertThat(admin.json("/api/accounts").findValuesAsText("username")).containsExactly("admin");
    }

    @Test
    void everyWriteIsAuditedWithoutItsSecrets() throws Exception {
        ApiClient.anonymous(hub.httpPort()).send("POST", "/api/login",
                "{\"username\":\"admin\",\"password\":\"wrong-password-typed\"}");
        create("{\"username\":\"lea\",\"password\":\"" + PASSWORD + "\",\"role\":\"technician\"}");
        ApiClient lea = ApiClient.login(hub.httpPort(), "lea", PASSWORD);
        String token = lea.createToken("lea's script");
        String command = command(ApiClient.bearer(hub.httpPort(), token), Messages.NODE);
        lea.withoutCsrf().send("POST", "/api/tokens", "{\"name\":\"forged\"}");
        lea.send("POST", "/api/logout", null);
        ApiClient.anonymous(hub.httpPort()).send("POST", "/api/nodes/x/commands", "{}");

        JsonNode audit = await().atMost(PATIENCE).until(() -> admin.json("/api/audit"), rows -> rows.size() == 8);
        assertThat(audit.findValuesAsText("summary")).containsExactly(
                "logged out",
                "null",
                "command ping " + command + " to " + Messages.NODE,
                audit.get(3).path("summary").asText(),
                "logged in",
                "account lea created (technician)",
                "login failed",
                "logged in");
        assertThat(audit.get(1).path("status").asInt()).as("the forged write").isEqualTo(403);
        assertThat(audit.get(3).path("summary").asText()).startsWith("token 'lea's script' created");
        assertThat(audit.findValuesAsText("username")).containsExactly("lea", "lea", "lea", "lea", "lea", "admin",
                "admin", "admin");
        JsonNode commandRow = audit.get(2);
        assertThat(commandRow.path("method").asText()).isEqualTo("POST");
        assertThat(commandRow.path("path").asText()).isEqualTo("/api/nodes/" + Messages.NODE + "/commands");
        assertThat(commandRow.path("status").asInt()).isEqualTo(202);
        assertThat(commandRow.path("remoteAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(commandRow.path("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(audit.toString()).doesNotContain(PASSWORD).doesNotContain(ApiClient.ADMIN_PASSWORD)
                .doesNotContain("wrong-password-typed").doesNotContain(token)
                .doesNotContain(lea.cookie().orElseThrow().split("=", 2)[1]);
        assertThat(admin.json("/api/audit?user=admin").size()).isEqualTo(3);
        assertThat(admin.json("/api/audit?limit=2")).hasSize(2);
    }

    /**
     * The dashboard's reads (issue 13): every role reads them; a site-scoped account (viewer,
     * manager, mediator, here all of montcornet) answers with its own site only, and naming the
     * other site is refused (400, 403 or, for a node, 404 as if unknown).
     */
    @Test
    void everyRoleReadsTheDashboardAndASiteScopedOneItsOwnSiteOnly() throws Exception {
        List<String> scopedReads = List.of("/api/territory", "/api/occupancy/now", "/api/occupancy/heatmap",
                "/api/occupancy/days", "/api/occupancy/months", "/api/occupancy.csv", "/api/connectivity",
                "/api/connectivity.csv", "/api/events", "/api/nodes/" + OTHER_NODE + "/telemetry");
        dizy.report();
        montcornet.report();
        await().atMost(PATIENCE).until(() -> admin.json("/api/events").findValuesAsText("node").size() == 2
                && admin.json("/api/nodes/" + OTHER_NODE + "/telemetry").path("points").size() == 1);
        create("{\"username\":\"lea\",\"password\":\"" + PASSWORD + "\",\"role\":\"technician\"}");
        for (ApiClient everySite : List.of(admin, ApiClient.login(hub.httpPort(), "lea", PASSWORD))) {
            for (String path : scopedReads) {
                // An admin or a technician names the site the occupancy is asked of.
                String asked = path.startsWith("/api/occupancy") ? path + "?site=" + OTHER_SITE : path;
                assertThat(everySite.get(asked).statusCode()).as(asked).isEqualTo(200);
            }
            assertThat(everySite.json("/api/territory").toString()).as("every site")
                    .contains(Messages.SITE).contains(OTHER_SITE);
            assertThat(liveStatus(everySite)).isEqualTo(200);
        }
        for (String role : List.of("viewer", "manager", "mediator")) {
            create("{\"username\":\"" + role + "-montcornet\",\"password\":\"" + PASSWORD + "\",\"role\":\""
                    + role + "\",\"site\":\"" + OTHER_SITE + "\"}");
            ApiClient scoped = ApiClient.login(hub.httpPort(), role + "-montcornet", PASSWORD);
            for (String path : scopedReads) {
                HttpResponse<String> own = scoped.get(path);
                assertThat(own.statusCode()).as(role + " GET " + path + ": " + own.body()).isEqualTo(200);
                assertThat(own.body()).as(role + " GET " + path + " shows nothing of the other site")
                        .doesNotContain(Messages.SITE);
            }
            assertThat(scoped.json("/api/territory").toString()).as(role).contains(OTHER_SITE);
            assertThat(scoped.json("/api/events").findValuesAsText("node")).as(role).containsExactly(OTHER_NODE);
            assertThat(scoped.json("/api/nodes/" + OTHER_NODE + "/telemetry").path("points")).as(role).hasSize(1);
            assertThat(scoped.json("/api/occupancy/days").path("site").asText()).as(role).isEqualTo(OTHER_SITE);
            for (String path : List.of("/api/occupancy/now", "/api/occupancy/heatmap", "/api/occupancy/days",
                    "/api/occupancy/months", "/api/occupancy.csv", "/api/events")) {
                assertError(scoped.get(path + "?site=" + Messages.SITE), 400, "this account sees site " + OTHER_SITE
                        + " only");
            }
            assertError(scoped.get("/api/nodes/" + Messages.NODE + "/telemetry"), 404, "no node '" + Messages.NODE + "'");
            assertThat(liveStatus(scoped)).as(role + " opens the live stream").isEqualTo(200);
        }
    }

    /** The live stream's status line only: the stream is opened, its headers read, then dropped. */
    private int liveStatus(ApiClient client) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + "/api/live"))
                .header("cookie", client.cookie().orElseThrow()).GET().build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            return response.statusCode();
        }
    }

    private HttpResponse<String> create(String body) throws Exception {
        return admin.send("POST", "/api/accounts", body);
    }

    private static String command(ApiClient client, String node) throws Exception {
        HttpResponse<String> sent = client.send("POST", "/api/nodes/" + node + "/commands", "{\"name\":\"ping\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        return JSON.readTree(sent.body()).path("id").asText();
    }
}
