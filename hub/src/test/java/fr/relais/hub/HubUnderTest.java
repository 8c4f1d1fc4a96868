package fr.relais.hub;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.hub.config.HubConfig;
import fr.relais.hub.ingest.MqttSettings;
import fr.relais.protocol.Message;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Topic;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A hub started on a test database and a real broker, an admin logged in to its API, and a
 * plain MQTT client playing node {@link Messages#NODE} of site {@link Messages#SITE}. Returns
 * once the hub is subscribed, so what the node publishes next reaches it.
 */
public final class HubUnderTest implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MessageCodec codec = new MessageCodec();
    private final Hub hub;
    private final ApiClient api;
    private final MqttClient node;

    private HubUnderTest(Hub hub, ApiClient api, MqttClient node) {
        this.hub = hub;
        this.api = api;
        this.node = node;
    }

    /** The default settings, {@link ApiClient#AUTH} for the first admin. */
    public static HubUnderTest start(String brokerUrl, String databaseUrl) throws Exception {
        return start(brokerUrl, new HubConfig("127.0.0.1", 0, databaseUrl,
                new MqttSettings(brokerUrl, "hub-under-test", Optional.empty(), Optional.empty()), ApiClient.AUTH));
    }

    public static HubUnderTest start(String brokerUrl, HubConfig config) throws Exception {
        Hub hub = Hub.start(config);
        try {
            ApiClient api = ApiClient.admin(hub.httpPort());
            MqttClient node = new MqttClient(brokerUrl, "fake-node", new MemoryPersistence());
            node.connect();
            await().atMost(Duration.ofSeconds(20)).until(() -> JSON.readTree(api.get("/api/ingest").body())
                    .path("mqttConnected").asBoolean());
            return new HubUnderTest(hub, api, node);
        } catch (Exception | Error e) {
            hub.close();
            throw e;
        }
    }

    public Hub hub() {
        return hub;
    }

    public ApiClient api() {
        return api;
    }

    /** The fake node's client, for topics of other nodes or a broken connection. */
    public MqttClient node() {
        return node;
    }

    /** Publishes on the fake node's own topic of that kind, QoS 1. */
    public void publish(Topic.Kind kind, byte[] payload) throws Exception {
        node.publish(Topic.of(kind, Messages.SITE, Messages.NODE).path(), payload, 1, false);
    }

    public void publish(Topic.Kind kind, Message message) throws Exception {
        publish(kind, codec.encode(message));
    }

    @Override
    public void close() throws Exception {
        try {
            if (node.isConnected()) {
                node.disconnect();
            }
            node.close();
        } finally {
            hub.close();
        }
    }
}
