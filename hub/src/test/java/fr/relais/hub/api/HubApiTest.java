package fr.relais.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.hub.ApiClient;
import fr.relais.hub.Hub;
import fr.relais.hub.Messages;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.config.HubConfig;
import fr.relais.hub.db.Database;
import fr.relais.hub.ingest.MqttSettings;
import fr.relais.protocol.Health;
import fr.relais.protocol.HubState;
import fr.relais.protocol.Message;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Topic;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

/** The hub on a real Mosquitto, fed by a plain MQTT client, read through its REST API. */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class HubApiTest {
    @Parameter
    TestDatabase.Kind kind;
    private TestDatabase testDatabase;

    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private final MessageCodec codec = new MessageCodec();
    private Hub hub;
    private ApiClient api;
    private MqttClient node;

    @BeforeEach
    void start(MosquittoProcess broker, @TempDir Path dir) throws Exception {
        testDatabase = TestDatabase.create(kind, dir);
        hub = Hub.start(new HubConfig("127.0.0.1", 0, testDatabase.url(),
                new MqttSettings(broker.url(), "hub-under-test", Optional.empty(), Optional.empty()), ApiClient.AUTH));
        api = ApiClient.admin(hub.httpPort());
        node = new MqttClient(broker.url(), "fake-node", new MemoryPersistence());
        node.connect();
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/ingest").path("mqttConnected").asBoolean());
    }

    @AfterEach
    void stop() throws Exception {
        // The hub is closed whatever happened to the fake node (see AlertApiTest.stop).
        try {
            if (node.isConnected()) {
                node.disconnect();
            }
            node.close();
        } finally {
            hub.close();
            testDatabase.close();
        }
    }

    private void publish(Topic.Kind kind, Message message) throws Exception {
        node.publish(Topic.of(kind, Messages.SITE, Messages.NODE).path(), codec.encode(message), 1, false);
    }

    private HttpResponse<String> request(String path) throws Exception {
        return api.get(path);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = request(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    @Test
    void healthIsOk() throws Exception {
        assertThat(get("/api/health")).isEqualTo(JSON.readTree("{\"status\":\"ok\"}"));
    }

    @Test
    void showsWhatANodeAnnouncesAndReports() throws Exception {
        publish(Topic.Kind.STATE, Messages.state(Presence.ONLINE, 3));
        publish(Topic.Kind.BIRTH, Messages.birth(0, 3, "printer-1"));
        publish(Topic.Kind.TELEMETRY, Messages.telemetry(1, "printer-1", Health.WARNING, 11));
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/devices").path(0).path("health").asText()
                .equals("warning"));
        assertThat(get("/api/sites")).isEqualTo(JSON.readTree(
                "[{\"id\":\"dizy-le-gros\",\"name\":\"Tiers-lieu numérique de Dizy-le-Gros\",\"kind\":\"mediation\"}]"));
        JsonNode node = get("/api/nodes").path(0);
        assertThat(node.path("id").asText()).isEqualTo(Messages.NODE);
        assertThat(node.path("site").asText()).isEqualTo(Messages.SITE);
        assertThat(node.path("online").asBoolean()).isTrue();
        assertThat(node.path("lastSeen").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        JsonNode device = get("/api/devices").path(0);
        assertThat(device.path("id").asText()).isEqualTo("printer-1");
        assertThat(device.path("node").asText()).isEqualTo(Messages.NODE);
        assertThat(device.path("site").asText()).isEqualTo(Messages.SITE);
        assertThat(device.path("kind").asText()).isEqualTo("printer");
        assertThat(device.path("metrics").path("tonerPercent").asLong()).isEqualTo(11);
        assertThat(device.path("lastSeen").isTextual()).isTrue();
    }

    @Test
    void garbageIsCountedAndKeptAndIngestionGoesOn() throws Exception {
        publish(Topic.Kind.BIRTH, Messages.birth(0, 1, "printer-1"));
        node.publish("relais/v1/dizy-le-gros/dizy-le-gros-pi/telemetry", "{\"schema\":1,".getBytes(), 1, false);
        node.publish("relais/v1/dizy-le-gros/dizy-le-gros-pi/telemetry", new byte[0], 1, false);
        node.publish("relais/v1/Dizy-le-Gros/dizy-le-gros-pi/telemetry", "{}".getBytes(), 1, false);
        publish(Topic.Kind.TELEMETRY, Messages.telemetry(1, "printer-1", Health.OK, 80));
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/ingest").path("stored").path("telemetry")
                .asLong() == 1);
        JsonNode ingest = get("/api/ingest");
        assertThat(ingest.path("stored").path("deadLetters").asLong()).isEqualTo(3);
        assertThat(ingest.path("sinceStart").path("deadLetters").asLong()).isEqualTo(3);
        JsonNode letters = get("/api/dead-letters");
        assertThat(letters).hasSize(3);
        assertThat(letters.findValuesAsText("reason")).anySatisfy(r -> assertThat(r).contains("not valid JSON"))
                .anySatisfy(r -> assertThat(r).isEqualTo("empty"))
                .anySatisfy(r -> assertThat(r).contains("site 'Dizy-le-Gros' must be lower-case"));
        assertThat(get("/api/dead-letters?limit=1")).hasSize(1);
    }

    @Test
    void everyErrorIsJsonWithAMessage() throws Exception {
        HttpResponse<String> missing = request("/api/nothing-here");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).path("error").asText()).contains("/api/nothing-here");
        HttpResponse<String> badLimit = request("/api/dead-letters?limit=lots");
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badLimit.body()).path("error").asText()).contains("limit must be a whole number");
        assertThat(request("/api/dead-letters?limit=0").statusCode()).isEqualTo(400);
        assertThat(request("/no/such/page").statusCode()).isEqualTo(404);
    }

    @Test
    void listsArePagedInTheirHeadersAndFilteredInTheirQuery() throws Exception {
        node.publish("relais/v1/montcornet/montcornet-pi/birth", codec.encode(Messages.birth(0, 1, "printer-1",
                "probe-1")), 1, false);
        node.publish("relais/v1/rozoy/rozoy-pi/birth", codec.encode(Messages.birth(0, 1, "printer-1", "probe-1",
                "probe-2")), 1, false);
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/devices").size() == 5);

        HttpResponse<String> first = request("/api/devices?limit=2");
        assertThat(first.headers().firstValue("x-total-count")).hasValue("5");
        assertThat(JSON.readTree(first.body()).isArray()).isTrue();
        List<String> seen = new ArrayList<>(JSON.readTree(first.body()).findValuesAsText("id"));
        HttpResponse<String> page = first;
        int pages = 1;
        while (page.headers().firstValue("link").isPresent()) {
            Matcher next = Pattern.compile("<([^>]+)>; rel=\"next\"").matcher(page.headers().firstValue("link").get());
            assertThat(next.matches()).isTrue();
            assertThat(next.group(1)).startsWith("/api/devices?limit=2&cursor=");
            page = request(next.group(1));
            assertThat(page.statusCode()).isEqualTo(200);
            seen.addAll(JSON.readTree(page.body()).findValuesAsText("id"));
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("printer-1", "probe-1", "printer-1", "probe-1", "probe-2");

        HttpResponse<String> probes = request("/api/devices?site=rozoy&kind=probe&limit=1");
        assertThat(probes.headers().firstValue("x-total-count")).hasValue("2");
        assertThat(probes.headers().firstValue("link")).hasValueSatisfying(link -> assertThat(link)
                .contains("site=rozoy", "kind=probe", "limit=1", "cursor="));
        assertThat(get("/api/nodes?site=montcornet&online=true").findValuesAsText("id"))
                .containsExactly("montcornet-pi");
        assertThat(get("/api/nodes?online=false")).isEmpty();
        assertThat(get("/api/sites?kind=mediation")).hasSize(2);
        assertThat(get("/api/devices?node=rozoy-pi&health=unknown")).hasSize(3);
    }

    @Test
    void aBadListParameterIsA400NamingIt() throws Exception {
        assertBadParameter("/api/devices?sit=rozoy", "unknown parameter 'sit'");
        assertBadParameter("/api/devices?limit=1&limit=2", "'limit' is given more than once");
        assertBadParameter("/api/devices?site=Rozoy", "site 'Rozoy' must be lower-case");
        assertBadParameter("/api/devices?kind=toaster", "kind must be one of kiosk,");
        assertBadParameter("/api/devices?health=broken", "health must be one of ok, warning, critical, unknown");
        assertBadParameter("/api/nodes?online=yes", "online must be true or false");
        assertBadParameter("/api/nodes?cursor=abc", "cursor 'abc' is not one this API gave");
        assertBadParameter("/api/sites?limit=1001", "limit must be between 1 and 1000");
        assertBadParameter("/api/sites?kind=school", "kind must be one of mediation, coworking, van");
        assertBadParameter("/api/dead-letters?reason=", "reason must be 1 to 200 characters");
        assertBadParameter("/api/dead-letters?node=a/b", "node 'a/b' must be lower-case");
        assertBadParameter("/api/nodes/" + Messages.NODE + "/commands?status=done", "status must be one of pending");
        String nodesCursor = "WyJhIiwiYiJd"; // ["a","b"]: a nodes' cursor, not a sites' one
        assertThat(request("/api/nodes?cursor=" + nodesCursor).statusCode()).isEqualTo(200);
        assertBadParameter("/api/sites?cursor=" + nodesCursor, "cursor is not one this list gave");
    }

    private void assertBadParameter(String path, String message) throws Exception {
        HttpResponse<String> response = request(path);
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(JSON.readTree(response.body()).path("error").asText()).as(path).contains(message);
    }

    @Test
    void servesTheDashboard() throws Exception {
        HttpResponse<String> page = request("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Relais").contains("app/main.js");
        assertThat(request("/app/main.js").body()).contains("/api/me");
    }

    @Test
    void publishesItsOwnStateForTheAgents(MosquittoProcess broker, @TempDir Path dir) throws Exception {
        CopyOnWriteArrayList<HubState> states = new CopyOnWriteArrayList<>();
        MqttClient watcher = new MqttClient(broker.url(), "hub-watcher", new MemoryPersistence());
        watcher.connect();
        watcher.subscribe(Topic.HUB_STATE, 1, (topic, message) ->
                states.add(codec.decode(Topic.hubState(), message.getPayload(), HubState.class)));
        await().atMost(Duration.ofSeconds(10)).until(() -> !states.isEmpty());
        assertThat(states.get(0).state()).isEqualTo(Presence.ONLINE);
        hub.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> states.get(states.size() - 1).state() == Presence.OFFLINE);
        assertThat(states.get(states.size() - 1).session()).isEqualTo(states.get(0).session());
        watcher.disconnect();
        watcher.close();
        hub = Hub.start(new HubConfig("127.0.0.1", 0, Database.sqliteUrl(dir.resolve("restarted.db")),
                new MqttSettings(broker.url(), "hub-under-test", Optional.empty(), Optional.empty())));
    }
}
