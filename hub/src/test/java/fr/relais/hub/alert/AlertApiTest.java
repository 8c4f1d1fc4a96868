package fr.relais.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.hub.ApiClient;
import fr.relais.hub.Hub;
import fr.relais.hub.Messages;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.config.HubConfig;
import fr.relais.hub.ingest.MqttSettings;
import fr.relais.hub.telemetry.RetentionSettings;
import fr.relais.protocol.Health;
import fr.relais.protocol.Message;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Alerts end to end: a node's telemetry through a real Mosquitto into the hub, the alert in the
 * API, the technicians told by e-mail (GreenMail) and webhook (a local Vert.x server).
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class AlertApiTest {
    @Parameter
    TestDatabase.Kind kind;

    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final ObjectMapper JSON = new ObjectMapper();
    private final MessageCodec codec = new MessageCodec();
    private final List<JsonObject> webhooks = new CopyOnWriteArrayList<>();
    private TestDatabase testDatabase;
    private Vertx webhookVertx;
    private Hub hub;
    private MqttClient node;
    private ApiClient api;
    private long seq;

    @BeforeEach
    void start(MosquittoProcess broker, @TempDir Path dir) throws Exception {
        testDatabase = TestDatabase.create(kind, dir);
        webhookVertx = Vertx.vertx();
        HttpServer receiver = webhookVertx.createHttpServer().requestHandler(request -> request.body()
                .onSuccess(body -> {
                    webhooks.add(body.toJsonObject());
                    request.response().setStatusCode(200).end();
                })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Path rules = dir.resolve("alert-rules.yaml");
        Files.writeString(rules, """
                evaluationSeconds: 1
                notifications:
                  smtp: { host: 127.0.0.1, port: %d, startTls: disabled, from: alertes@relais.example }
                  recipients:
                    - name: camille
                      email: camille@relais.example
                      webhook: http://127.0.0.1:%d/hooks/relais
                      severities: [warning, critical]
                """.formatted(MAIL.getSmtp().getPort(), receiver.actualPort()));
        hub = Hub.start(new HubConfig("127.0.0.1", 0, testDatabase.url(),
                new MqttSettings(broker.url(), "hub-under-test", Optional.empty(), Optional.empty()),
                Optional.of(rules), Duration.ofSeconds(120), RetentionSettings.DEFAULT, ApiClient.AUTH));
        api = ApiClient.admin(hub.httpPort());
        node = new MqttClient(broker.url(), "fake-node", new MemoryPersistence());
        node.connect();
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/ingest").path("mqttConnected").asBoolean());
    }

    @AfterEach
    void stop() throws Exception {
        // The hub is closed whatever happened to the fake node: a hub left open goes on retrying its
        // broker after the class has stopped it, and Jazzer's SSRF detector in a later fuzz test of
        // this JVM reports those connections.
        try {
            if (node.isConnected()) {
                node.disconnect();
            }
            node.close();
        } finally {
            hub.close();
            webhookVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            testDatabase.close();
        }
    }

    private void publish(Topic.Kind topic, Message message) throws Exception {
        node.publish(Topic.of(topic, Messages.SITE, Messages.NODE).path(), codec.encode(message), 1, false);
    }

    private HttpResponse<String> request(String method, String path, String body) throws Exception {
        return api.send(method, path, body);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = request("GET", path, null);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode tonerLow() throws Exception {
        publish(Topic.Kind.STATE, Messages.state(Presence.ONLINE, 1));
        publish(Topic.Kind.BIRTH, Messages.birth(seq++, 1, "printer-1"));
        publish(Topic.Kind.TELEMETRY, Messages.telemetry(seq++, "printer-1", Health.WARNING, 6));
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/alerts?state=open").size() == 1);
        return get("/api/alerts?state=open").get(0);
    }

    private void assertError(HttpResponse<String> response, int status, String text) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(JSON.readTree(response.body()).path("error").asText()).contains(text);
    }

    @Test
    void lowTonerBecomesAnAlertThatTheTechnicianHearsOf() throws Exception {
        JsonNode alert = tonerLow();
        assertThat(alert.path("rule").asText()).isEqualTo("printer-toner-low");
        assertThat(alert.path("site").asText()).isEqualTo(Messages.SITE);
        assertThat(alert.path("node").asText()).isEqualTo(Messages.NODE);
        assertThat(alert.path("device").asText()).isEqualTo("printer-1");
        assertThat(alert.path("severity").asText()).isEqualTo("warning");
        assertThat(alert.path("message").asText()).contains("tonerPercent vaut 6");
        assertThat(get("/api/alerts/" + alert.path("id").asText())).isEqualTo(alert);
        await().atMost(Duration.ofSeconds(30)).until(() -> !webhooks.isEmpty() && MAIL.getReceivedMessages().length > 0);
        assertThat(webhooks.get(0).getString("event")).isEqualTo("opened");
        assertThat(webhooks.get(0).getJsonObject("alert").getString("id")).isEqualTo(alert.path("id").asText());
        assertThat(MAIL.getReceivedMessages()[0].getSubject()).contains("printer-toner-low").contains("printer-1");
    }

    @Test
    void aTechnicianAcknowledgesThenClearsWithAComment() throws Exception {
        String id = tonerLow().path("id").asText();
        HttpResponse<String> ack = request("POST", "/api/alerts/" + id + "/ack",
                "{\"comment\":\"cartouche commandée\"}");
        assertThat(ack.statusCode()).isEqualTo(200);
        JsonNode acknowledged = JSON.readTree(ack.body());
        assertThat(acknowledged.path("state").asText()).isEqualTo("acknowledged");
        assertThat(acknowledged.path("acknowledgedBy").asText()).as("the account logged in").isEqualTo("admin");
        assertThat(acknowledged.path("ackComment").asText()).isEqualTo("cartouche commandée");
        assertError(request("POST", "/api/alerts/" + id + "/ack", "{}"), 409, "acknowledged");
        assertError(request("POST", "/api/alerts/" + id + "/clear", "{\"by\":\"admin\"}"), 400, "comment is required");
        assertError(request("POST", "/api/alerts/" + id + "/clear", "{\"by\":\"lou\",\"comment\":\"x\"}"), 400,
                "by must be the account logged in (admin)");
        HttpResponse<String> clear = request("POST", "/api/alerts/" + id + "/clear",
                "{\"by\":\"admin\",\"comment\":\"cartouche changée\"}");
        assertThat(clear.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(clear.body()).path("clearedBy").asText()).isEqualTo("admin");
        assertError(request("POST", "/api/alerts/" + id + "/clear", "{\"comment\":\"x\"}"), 409,
                "already cleared");
        assertThat(get("/api/alerts?state=cleared").findValuesAsText("id")).containsExactly(id);
        HttpResponse<String> page = request("GET", "/api/alerts?state=cleared&limit=1", null);
        assertThat(page.headers().firstValue("X-Total-Count")).as("paged like the other lists").hasValue("1");
        assertThat(page.headers().firstValue("Link")).as("a single page has no next").isEmpty();
        assertThat(get("/api/alerts?state=active")).isEmpty();
        assertThat(get("/api/alerts?severity=critical")).isEmpty();
        assertThat(get("/api/alerts?site=rozoy-sur-serre")).isEmpty();
        assertThat(get("/api/alerts?site=" + Messages.SITE + "&severity=warning&limit=5")).hasSize(1);
    }

    @Test
    void badRequestsAreRefusedWithJsonErrors() throws Exception {
        assertError(request("GET", "/api/alerts?state=burning", null), 400, "state must be one of");
        assertError(request("GET", "/api/alerts?severity=urgent", null), 400, "severity must be one of");
        assertError(request("GET", "/api/alerts?site=Dizy", null), 400, "site");
        assertError(request("GET", "/api/alerts?limit=0", null), 400, "limit must be between 1 and 1000");
        assertError(request("GET", "/api/alerts?sit=rozoy", null), 400, "sit");
        assertError(request("GET", "/api/alerts?cursor=nonsense", null), 400, "cursor");
        assertError(request("GET", "/api/alerts/42", null), 400, "an alert id is a UUID");
        String unknown = UUID.randomUUID().toString();
        assertError(request("GET", "/api/alerts/" + unknown, null), 404, "no alert " + unknown);
        assertError(request("POST", "/api/alerts/" + unknown + "/ack", "{\"by\":\"admin\"}"), 404, "no alert");
        assertError(request("POST", "/api/alerts/" + unknown + "/clear", "{\"comment\":\"x\"}"),
                404, "no alert");
        assertError(request("POST", "/api/alerts/" + unknown + "/ack", null), 404, "no alert");
        assertError(request("POST", "/api/alerts/" + unknown + "/clear", null), 400, "must be a JSON object");
        assertError(request("POST", "/api/alerts/" + unknown + "/ack", "{\"by\":"), 400, "not valid JSON");
        assertError(request("POST", "/api/alerts/" + unknown + "/ack", "[1]"), 400, "must be an object");
        assertError(request("POST", "/api/alerts/" + unknown + "/ack", "{\"by\":3}"), 400, "by: must be a text");
        assertError(request("POST", "/api/alerts/" + unknown + "/ack", "{\"by\":\"  \"}"), 400, "by must name");
        assertError(request("POST", "/api/alerts/" + unknown + "/ack", "{\"by\":\"a\",\"who\":1}"), 400,
                "who: unknown field");
        assertError(request("POST", "/api/alerts/" + unknown + "/ack", "{\"by\":\"" + "a".repeat(70_000) + "\"}"),
                413, "too large");
        assertThat(get("/api/health").path("status").asText()).isEqualTo("ok");
    }

    @Test
    void theNodesOwnLatestMetricsAreInTheRegistry() throws Exception {
        publish(Topic.Kind.STATE, Messages.state(Presence.ONLINE, 1));
        publish(Topic.Kind.BIRTH, Messages.birth(seq++, 1, "printer-1"));
        publish(Topic.Kind.TELEMETRY, new Telemetry(Messages.envelope(seq++), Optional.empty(), Health.OK,
                Map.of("outboxDepth", 42L, "linkUp", true)));
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/nodes").path(0).path("metrics")
                .path("outboxDepth").asLong() == 42);
        JsonNode node = get("/api/nodes").path(0);
        assertThat(node.path("silent").asBoolean()).isFalse();
        assertThat(node.path("online").asBoolean()).isTrue();
    }

    @Test
    void aBadRuleFileStopsTheHubNamingTheRuleAndTheField(MosquittoProcess broker, @TempDir Path dir) throws Exception {
        Path rules = dir.resolve("bad-rules.yaml");
        Files.writeString(rules, "rules:\n  - id: toner-bas\n    kinds: [printer]\n"
                + "    when: { metric: tonerPercent, atMost: bas }\n");
        assertThatThrownBy(() -> Hub.start(new HubConfig("127.0.0.1", 0, testDatabase.url(),
                new MqttSettings(broker.url(), "hub-refused", Optional.empty(), Optional.empty()),
                Optional.of(rules), Duration.ofSeconds(120))))
                .isInstanceOf(AlertRulesException.class)
                .hasMessageContaining("bad-rules.yaml")
                .hasMessageContaining("rule 'toner-bas'")
                .hasMessageContaining("when.atMost: must be a number");
    }
}
