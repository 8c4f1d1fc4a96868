package fr.relais.hub.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.hub.ApiClient;
import fr.relais.hub.Hub;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.config.HubConfig;
import fr.relais.hub.ingest.MqttSettings;
import fr.relais.protocol.Birth;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.Command;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Envelope;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.MessageIds;
import fr.relais.protocol.NodeState;
import fr.relais.protocol.Presence;
import fr.relais.protocol.SiteKind;
import fr.relais.protocol.Topic;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Opening a door from the API: admins only, confirmed, audited, sent as a short-lived command. */
class OpenDoorApiTest {
    private static final String SITE = "rozoy-cowork";
    private static final String NODE = "rozoy-cowork-porte";
    private static final String DOOR = "porte-entree";
    private static final String PASSWORD = "a-long-enough-password";
    private static final String CONFIRM = "{\"confirm\":true}";
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    private final MessageCodec codec = new MessageCodec();
    private final BlockingQueue<Command> commands = new LinkedBlockingQueue<>();
    private TestDatabase database;
    private Hub hub;
    private ApiClient admin;
    private MqttClient node;

    @BeforeEach
    void start(MosquittoProcess broker, @TempDir Path dir) throws Exception {
        database = TestDatabase.create(TestDatabase.Kind.SQLITE, dir);
        hub = Hub.start(new HubConfig("127.0.0.1", 0, database.url(),
                new MqttSettings(broker.url(), "hub-under-test", Optional.empty(), Optional.empty()), ApiClient.AUTH));
        admin = ApiClient.admin(hub.httpPort());
        await().atMost(PATIENCE).until(() -> admin.json("/api/ingest").path("mqttConnected").asBoolean());
        node = new MqttClient(broker.url(), "door-node", new MemoryPersistence());
        node.connect();
        node.subscribe(Topic.commandFilter(SITE, NODE), 1, (topic, message) ->
                commands.add(codec.decode(Topic.parse(topic), message.getPayload(), Command.class)));
        node.publish(Topic.of(Topic.Kind.STATE, SITE, NODE).path(),
                codec.encode(new NodeState(Presence.ONLINE, 1, Instant.now())), 1, false);
        node.publish(Topic.of(Topic.Kind.BIRTH, SITE, NODE).path(), codec.encode(new Birth(
                new Envelope(MessageIds.next(), 0, Instant.now(), ClockConfidence.SYNCED), 1,
                new Birth.SiteInfo("Espace de coworking", SiteKind.COWORKING), new Birth.AgentInfo("1.0", "sha256:1"),
                List.of(new Birth.DeviceInfo(DOOR, DeviceKind.DOOR, "Porte d'entrée", true),
                        new Birth.DeviceInfo("lecteur-entree", DeviceKind.BADGE_READER, "Lecteur", true)))), 1, false);
        await().atMost(PATIENCE).until(() -> admin.json("/api/devices").size() == 2);
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
            database.close();
        }
    }

    private HttpResponse<String> open(ApiClient client, String node, String device, String body) throws Exception {
        return client.send("POST", "/api/nodes/" + node + "/devices/" + device + "/open-door", body);
    }

    @Test
    void anAdminOpensTheDoorWithACommandExpiringIn30Seconds() throws Exception {
        HttpResponse<String> sent = open(admin, NODE, DOOR, CONFIRM);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        JsonNode command = JSON.readTree(sent.body());
        String id = command.path("id").asText();
        assertThat(sent.headers().firstValue("location")).hasValue("/api/commands/" + id);
        assertThat(command.path("name").asText()).isEqualTo("open-door");
        assertThat(command.path("args")).isEqualTo(JSON.readTree("{\"device\":\"" + DOOR + "\"}"));
        Instant createdAt = Instant.parse(command.path("createdAt").asText());
        assertThat(Instant.parse(command.path("deadline").asText())).isEqualTo(createdAt.plusSeconds(30));

        Command received = await().atMost(PATIENCE).until(commands::poll, c -> c != null);
        assertThat(received.name()).isEqualTo("open-door");
        assertThat(received.requestId()).isEqualTo(UUID.fromString(id));
        assertThat(received.args()).isEqualTo(Map.of("device", DOOR));
        assertThat(received.expiresAt()).hasValue(createdAt.plusSeconds(30));
        assertThat(admin.json("/api/commands/" + id).path("node").asText()).isEqualTo(NODE);

        JsonNode audit = await().atMost(PATIENCE).until(() -> admin.json("/api/audit"), rows -> rows.size() >= 2);
        assertThat(audit.get(0).path("summary").asText()).isEqualTo("open-door " + DOOR + " on " + NODE + ", command " + id);
        assertThat(audit.get(0).path("status").asInt()).isEqualTo(202);
    }

    @Test
    void techniciansAndViewersMayNotOpenADoor() throws Exception {
        for (String account : List.of("{\"username\":\"lea\",\"password\":\"" + PASSWORD + "\",\"role\":\"technician\"}",
                "{\"username\":\"maire\",\"password\":\"" + PASSWORD + "\",\"role\":\"viewer\",\"site\":\"" + SITE + "\"}")) {
            assertThat(admin.send("POST", "/api/accounts", account).statusCode()).isEqualTo(201);
        }
        for (String username : List.of("lea", "maire")) {
            HttpResponse<String> refused = open(ApiClient.login(hub.httpPort(), username, PASSWORD), NODE, DOOR, CONFIRM);
            assertThat(refused.statusCode()).as(username).isEqualTo(403);
        }
        assertThat(open(ApiClient.anonymous(hub.httpPort()), NODE, DOOR, CONFIRM).statusCode()).isEqualTo(401);
        assertThat(admin.json("/api/nodes/" + NODE + "/commands")).isEmpty();
        assertThat(commands).isEmpty();
    }

    @Test
    void withoutAnExplicitConfirmationOrForAnUnknownNodeOrDoorNothingIsSent() throws Exception {
        for (String body : new String[] {null, "{}", "{\"confirm\":false}", "{\"confirm\":\"true\"}", "{\"confirm\":1}",
                "[true]", "not json", "{\"confirm\":true,\"delay\":5}"}) {
            HttpResponse<String> refused = open(admin, NODE, DOOR, body);
            assertThat(refused.statusCode()).as(String.valueOf(body)).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).path("error").asText()).as(body).contains("confirm");
        }
        HttpResponse<String> unknownNode = open(admin, "nowhere-pi", DOOR, CONFIRM);
        assertThat(unknownNode.statusCode()).isEqualTo(404);
        assertThat(unknownNode.body()).contains("nowhere-pi");
        HttpResponse<String> notADoor = open(admin, NODE, "lecteur-entree", CONFIRM);
        assertThat(notADoor.statusCode()).isEqualTo(404);
        assertThat(notADoor.body()).contains("no door 'lecteur-entree'");
        assertThat(open(admin, NODE, "..", CONFIRM).statusCode()).isIn(400, 404);
        assertThat(admin.json("/api/nodes/" + NODE + "/commands")).isEmpty();
        assertThat(commands).isEmpty();
    }
}
