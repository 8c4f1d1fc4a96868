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

/**
 * A command whose PUBACK is lost with the hub's connection: the MQTT client does not send it again
 * by itself, so the hub publishes it again, same request id, once connected again, and notes it
 * sent when the broker acknowledges that.
 */
class CommandResentTest {
    private static final String SITE = "rozoy-cowork";
    private static final String NODE = "rozoy-cowork-porte";
    private static final String DOOR = "porte-entree";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    private final MessageCodec codec = new MessageCodec();
    private final BlockingQueue<Command> commands = new LinkedBlockingQueue<>();
    private TestDatabase database;
    private HoldingProxy proxy;
    private Hub hub;
    private ApiClient admin;
    private MqttClient node;

    @BeforeEach
    void start(MosquittoProcess broker, @TempDir Path dir) throws Exception {
        database = TestDatabase.create(TestDatabase.Kind.SQLITE, dir);
        proxy = new HoldingProxy(broker.port());
        hub = Hub.start(new HubConfig("127.0.0.1", 0, database.url(),
                new MqttSettings(proxy.url(), "hub-resend-test", Optional.empty(), Optional.empty()), ApiClient.AUTH));
        admin = ApiClient.admin(hub.httpPort());
        await().atMost(PATIENCE).until(this::connected);
        node = new MqttClient(broker.url(), "door-node", new MemoryPersistence());
        node.connect();
        node.subscribe(Topic.commandFilter(SITE, NODE), 1, (topic, message) ->
                commands.add(codec.decode(Topic.parse(topic), message.getPayload(), Command.class)));
        node.publish(Topic.of(Topic.Kind.STATE, SITE, NODE).path(),
                codec.encode(new NodeState(Presence.ONLINE, 1, Instant.now())), 1, false);
        node.publish(Topic.of(Topic.Kind.BIRTH, SITE, NODE).path(), codec.encode(new Birth(
                new Envelope(MessageIds.next(), 0, Instant.now(), ClockConfidence.SYNCED), 1,
                new Birth.SiteInfo("Espace de coworking", SiteKind.COWORKING), new Birth.AgentInfo("1.0", "sha256:1"),
                List.of(new Birth.DeviceInfo(DOOR, DeviceKind.DOOR, "Porte d'entrée", true)))), 1, false);
        await().atMost(PATIENCE).until(() -> admin.json("/api/devices").size() == 1);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (node != null && node.isConnected()) {
                node.disconnect();
            }
            if (node != null) {
                node.close();
            }
        } finally {
            hub.close();
            proxy.close();
            database.close();
        }
    }

    @Test
    void aCommandWhosePubackIsLostWithTheConnectionIsSentAgainOnceConnected() throws Exception {
        proxy.hold();
        HttpResponse<String> sent = admin.send("POST", "/api/nodes/" + NODE + "/devices/" + DOOR + "/open-door",
                "{\"confirm\":true}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        String id = JSON.readTree(sent.body()).path("id").asText();
        Command first = await().atMost(PATIENCE).until(commands::poll, command -> command != null);
        assertThat(first.requestId()).as("the broker has it").isEqualTo(UUID.fromString(id));
        assertThat(status(id)).as("its PUBACK is held back").isEqualTo("pending");

        proxy.cut();
        Command again = await().atMost(PATIENCE).until(commands::poll, command -> command != null);
        assertThat(again.requestId()).as("the same request, which an agent runs once").isEqualTo(first.requestId());
        await().atMost(PATIENCE).until(() -> status(id).equals("sent"));
        assertThat(connected()).isTrue();
    }

    private boolean connected() throws Exception {
        return admin.json("/api/ingest").path("mqttConnected").asBoolean();
    }

    private String status(String id) throws Exception {
        JsonNode command = admin.json("/api/commands/" + id);
        return command.path("status").asText();
    }
}
